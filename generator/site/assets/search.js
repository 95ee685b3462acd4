/* Find a mentor: full-text search (match.js) and multi-select filters over the prebuilt word index.
   Progressive enhancement: without this script the page lists every mentor as cards. */
(function () {
  "use strict";

  var PAGE = 24;
  var started = performance.now();
  var data = window.mentorDirectoryData;
  var root = document.getElementById("mdir-search");
  if (!data || !window.lunr || !window.mentorDirectoryMatcher || !root) return;

  var labels = data.labels;
  var F = {};
  data.record.forEach(function (name, i) { F[name] = i; });
  var records = data.records;
  var regionNames = unique(labels.regions).sort();
  var matcher = window.mentorDirectoryMatcher(data.search);

  // -- Facets: how each filter reads a record, names its values, and writes them in the URL --

  function one(field) { return function (r) { return [r[field]]; }; }
  function many(field) { return function (r) { return r[field]; }; }
  var FACETS = [
    { key: "topic", title: "Topic", values: many(F.topics), names: labels.topics, params: labels.topicSlugs },
    { key: "sector", title: "Sector", values: many(F.sectors), names: labels.sectors, params: labels.sectorSlugs },
    { key: "region", title: "Region", names: regionNames, params: regionNames,
      values: function (r) { return [regionNames.indexOf(labels.regions[r[F.country]])]; } },
    { key: "country", title: "Country", values: one(F.country), names: labels.countries,
      params: labels.countryCodes.map(function (c) { return c.toLowerCase(); }) },
    { key: "language", title: "Language", values: many(F.languages), names: labels.languages, params: labels.languageCodes },
    { key: "scheme", title: "Scheme", values: many(F.schemes), params: labels.schemes, names: labels.schemeNames },
    { key: "format", title: "Talks by", values: many(F.formats), params: labels.formats, names: labels.formatNames },
    { key: "availability", title: "Availability", values: one(F.status), params: labels.statuses,
      names: ["Available", "Limited availability", "Paused"] }
  ];
  // Each facet's values for each record, read once: the loops below run on every keystroke.
  var VALUES = FACETS.map(function (facet) { return records.map(facet.values); });
  // The same, flat, for counting: record i's values are CODES[STARTS[i]] to CODES[STARTS[i + 1] - 1],
  // each numbered after the values of the facets before its own (OFFSETS) and tagged with its facet.
  // A keystroke that matches thousands of mentors counts them in typed arrays, not nested lists.
  var OFFSETS = [0];
  FACETS.forEach(function (facet) { OFFSETS.push(OFFSETS[OFFSETS.length - 1] + facet.names.length); });
  var STARTS = new Int32Array(records.length + 1);
  for (var i = 0, g; i < records.length; i++) {
    for (g = 0, STARTS[i + 1] = STARTS[i]; g < FACETS.length; g++) STARTS[i + 1] += VALUES[g][i].length;
  }
  var CODES = new Int32Array(STARTS[records.length]), FACET_OF = new Uint8Array(CODES.length);
  for (i = 0; i < records.length; i++) {
    for (var at = STARTS[i], g = 0; g < FACETS.length; g++) {
      for (var v = 0; v < VALUES[g][i].length; v++, at++) { CODES[at] = OFFSETS[g] + VALUES[g][i][v]; FACET_OF[at] = g; }
    }
  }
  var YEAR_BIT = 1 << FACETS.length;
  var QUERY_BIT = YEAR_BIT << 1;
  var years = records.map(function (r) { return r[F.year]; }).filter(Boolean);
  var minYear = Math.min.apply(null, years.length ? years : [1950]);
  var maxYear = Math.max.apply(null, years.length ? years : [new Date().getFullYear()]);

  var state = { q: "", selected: FACETS.map(function () { return {}; }), from: null, to: null, shown: PAGE };

  function unique(list) {
    return list.filter(function (v, i) { return list.indexOf(v) === i; });
  }

  // -- Search ------------------------------------------------------------------------------

  // The matching contract (match.js): every word must match, the last also as a prefix, with
  // typo tolerance; ranked name, label, headline, details, bio, then the day's fair order.
  // Any text is only ever words here, so input such as "c++", "foo:" or "*" can never throw.
  var searched = {};

  function search(text) {
    var key = text.trim().toLowerCase();
    if (!(key in searched)) searched[key] = matcher.find(key, records.length);
    return searched[key];
  }

  // -- Filtering and counts ----------------------------------------------------------------

  function passes(values, chosen) {
    for (var k = 0; k < values.length; k++) if (chosen[values[k]]) return true;
    return false;
  }

  // One pass over the candidates (every record, or those the words match): the results, each
  // facet's counts among the records that pass every other filter, and how many would match
  // if one constraint were dropped.
  var everyone = {}; // compute() for no words, by filters: typing a first letter comes back to it

  function compute() {
    var candidates = search(state.q); // record positions in rank order, or null: no words
    if (!candidates) {
      var key = JSON.stringify([state.selected, state.from, state.to]);
      return everyone[key] || (everyone[key] = tally(null));
    }
    return tally(candidates);
  }

  function tally(candidates) {
    var active = [];
    FACETS.forEach(function (facet, f) { if (anyKey(state.selected[f])) active.push(f); });
    var all = new Int32Array(OFFSETS[FACETS.length]);
    var counts = FACETS.map(function (facet, g) { return all.subarray(OFFSETS[g], OFFSETS[g + 1]); });
    var without = {};
    var results = [];
    var total = candidates ? candidates.length : records.length;
    var filtered = active.length > 0 || !!(state.from || state.to);
    for (var c = 0; c < total; c++) {
      var i = candidates ? candidates[c] : c;
      var mask = filtered ? failures(i, active) : 0;
      var k = STARTS[i], end = STARTS[i + 1];
      if (mask === 0) {
        results.push(i);
        for (; k < end; k++) all[CODES[k]]++;
        continue;
      }
      if ((mask & (mask - 1)) === 0) without[mask] = (without[mask] || 0) + 1;
      // A facet's counts are among the mentors every other filter lets through.
      for (; k < end; k++) if ((mask & ~(1 << FACET_OF[k])) === 0) all[CODES[k]]++;
    }
    if (candidates && !results.length) {
      // Only the zero-results helper needs this: how many match the filters without the words.
      without[QUERY_BIT] = 0;
      for (var j = 0; j < records.length; j++) if (failures(j, active) === 0) without[QUERY_BIT]++;
    }
    return { results: results, counts: counts, without: without };
  }

  function failures(i, active) {
    var mask = 0;
    for (var a = 0; a < active.length; a++) {
      var f = active[a];
      if (!passes(VALUES[f][i], state.selected[f])) mask |= 1 << f;
    }
    if (state.from || state.to) {
      var year = records[i][F.year];
      if (!year || (state.from && year < state.from) || (state.to && year > state.to)) mask |= YEAR_BIT;
    }
    return mask;
  }

  function anyKey(object) {
    for (var key in object) if (object[key]) return true;
    return false;
  }

  // -- The URL holds the whole state ------------------------------------------------------

  function toURL() {
    var params = new URLSearchParams();
    // Not "q": Material reads and clears that one for its own site search.
    if (state.q) params.set("search", state.q);
    FACETS.forEach(function (facet, f) {
      var values = Object.keys(state.selected[f]).filter(function (v) { return state.selected[f][v]; });
      if (values.length) params.set(facet.key, values.map(function (v) { return facet.params[v]; }).join(","));
    });
    if (state.from) params.set("from", state.from);
    if (state.to) params.set("to", state.to);
    var query = params.toString();
    return location.pathname + (query ? "?" + query : "") + location.hash;
  }

  function fromURL() {
    var params = new URLSearchParams(location.search);
    state.q = params.get("search") || "";
    state.selected = FACETS.map(function (facet) {
      var chosen = {};
      (params.get(facet.key) || "").split(",").forEach(function (value) {
        var v = facet.params.indexOf(value);
        if (v >= 0) chosen[v] = true;
      });
      return chosen;
    });
    state.from = parseInt(params.get("from"), 10) || null;
    state.to = parseInt(params.get("to"), 10) || null;
    state.shown = PAGE;
  }

  function remember(push) {
    var url = toURL();
    if (url === location.pathname + location.search + location.hash) return;
    try {
      history[push ? "pushState" : "replaceState"](null, "", url);
    } catch (error) { /* file:// in some browsers: the state still works on this page */ }
  }

  // -- Rendering ---------------------------------------------------------------------------

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    for (var key in attrs || {}) {
      if (key === "text") node.textContent = attrs[key];
      else if (key === "className") node.className = attrs[key];
      else node.setAttribute(key, attrs[key]);
    }
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }

  function link(slug) {
    return root.getAttribute("data-root") + "mentors/" + slug + "/" + root.getAttribute("data-index");
  }

  function initials(name) {
    var words = name.trim().split(/\s+/);
    if (words.length === 1) return /^[\x00-\x7f]*$/.test(words[0]) ? words[0].slice(0, 2).toUpperCase() : Array.from(words[0]).slice(0, 2).join("");
    return (Array.from(words[0])[0] + Array.from(words[words.length - 1])[0]).toUpperCase();
  }

  var STATUS_TEXT = ["Available for conversations", "Limited availability: replies may take longer"];

  function statusText(r) {
    if (r[F.status] < 2) return STATUS_TEXT[r[F.status]];
    if (r[F.paused_until]) {
      var date = new Date(r[F.paused_until] + "T00:00:00Z");
      return "Paused until " + date.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
    }
    return "Paused: not taking requests at the moment";
  }

  function card(r) {
    var status = labels.statuses[r[F.status]];
    var avatar = r[F.photo]
      ? el("img", { className: "mdir-avatar mdir-avatar--card", src: root.getAttribute("data-root") + r[F.photo],
          alt: r[F.name], loading: "lazy", width: 160, height: 160 })
      : el("span", { className: "mdir-avatar mdir-avatar--card mdir-avatar--initials", "aria-hidden": "true",
          style: "--mdir-hue: " + r[F.hue], text: initials(r[F.name]) });
    var name = el("h3", { className: "mdir-card__name" }, [el("a", { href: link(r[F.slug]), text: r[F.name] })]);
    if (r[F.name_latin]) {
      name.appendChild(document.createTextNode(" "));
      name.appendChild(el("span", { className: "mdir-name-latin", lang: "en", text: r[F.name_latin] }));
    }
    if (r[F.pronouns]) {
      name.appendChild(document.createTextNode(" "));
      name.appendChild(el("span", { className: "mdir-pronouns", text: "(" + r[F.pronouns] + ")" }));
    }
    var meta = labels.countries[r[F.country]] + " · " +
      r[F.languages].map(function (v) { return labels.languages[v]; }).join(", ");
    var topics = el("ul", { className: "mdir-tags", "aria-label": "Topics" },
      r[F.topics].map(function (v) { return el("li", { text: labels.topics[v] }); }));
    return el("li", { className: "mdir-card", "data-status": status }, [
      avatar,
      el("div", { className: "mdir-card__body" }, [
        name,
        el("p", { className: "mdir-card__headline", text: r[F.headline] }),
        el("p", { className: "mdir-card__meta", text: meta }),
        topics,
        el("p", { className: "mdir-status mdir-status--" + status, text: statusText(r) })
      ])
    ]);
  }

  // -- The panel ---------------------------------------------------------------------------

  var ui = {};
  var cards = {};

  function build() {
    ui.query = el("input", { type: "search", id: "mdir-q", className: "mdir-search__input",
      placeholder: "Name, topic, organisation, country…", autocomplete: "off", "aria-describedby": "mdir-count" });
    ui.facets = FACETS.map(function (facet, f) { return facetBox(facet, f); });
    ui.from = yearInput("mdir-from", "From");
    ui.to = yearInput("mdir-to", "To");
    ui.clear = el("button", { type: "button", className: "md-button mdir-search__clear", text: "Clear search and filters" });
    ui.count = el("p", { id: "mdir-count", className: "mdir-search__count", role: "status", "aria-live": "polite" });
    ui.list = el("ul", { className: "mdir-cards", id: "mdir-list" });
    ui.more = el("button", { type: "button", className: "md-button mdir-search__more" });
    ui.empty = el("div", { className: "mdir-empty", hidden: "" });

    var years = el("details", { className: "mdir-facet" }, [
      el("summary", { text: "Graduated between" }),
      el("div", { className: "mdir-years" }, [ui.from.wrap, ui.to.wrap])
    ]);
    var form = el("form", { className: "mdir-search__form", role: "search", "aria-label": "Find a mentor" }, [
      el("label", { "for": "mdir-q", className: "mdir-search__label", text: "Search mentors" }),
      ui.query,
      el("div", { className: "mdir-facets" }, ui.facets.map(function (box) { return box.node; }).concat([years])),
      ui.clear
    ]);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    root.appendChild(form);
    root.appendChild(ui.count);
    root.appendChild(ui.empty);
    root.appendChild(ui.list);
    root.appendChild(ui.more);
    root.hidden = false;
    var fallback = document.getElementById("mdir-results");
    if (fallback) fallback.hidden = true;

    var typing;
    ui.query.addEventListener("input", function () {
      state.q = ui.query.value;
      state.shown = PAGE;
      update();
      // The URL follows once typing pauses: writing history on every keystroke costs time
      // the results need, and the address bar would flicker.
      clearTimeout(typing);
      typing = setTimeout(function () { remember(false); }, 300);
    });
    root.addEventListener("change", function (event) {
      var target = event.target;
      if (target.name === "facet") {
        var f = +target.getAttribute("data-facet");
        state.selected[f][target.value] = target.checked;
      } else if (target === ui.from.input || target === ui.to.input) {
        state.from = parseInt(ui.from.input.value, 10) || null;
        state.to = parseInt(ui.to.input.value, 10) || null;
      } else {
        return;
      }
      state.shown = PAGE;
      update();
      setTimeout(function () { remember(true); }, 0); // after the results are on screen
    });
    ui.clear.addEventListener("click", function () {
      state.q = "";
      state.selected = FACETS.map(function () { return {}; });
      state.from = state.to = null;
      state.shown = PAGE;
      sync();
      update();
      remember(true);
      ui.query.focus();
    });
    ui.more.addEventListener("click", function () {
      var first = state.shown;
      state.shown += PAGE;
      update();
      var next = ui.list.children[first];
      if (next) next.querySelector("a").focus();
    });
    window.addEventListener("popstate", function () {
      fromURL();
      sync();
      update();
    });
  }

  function yearInput(id, text) {
    var input = el("input", { type: "number", id: id, name: id, min: minYear, max: maxYear, inputmode: "numeric",
      placeholder: text === "From" ? String(minYear) : String(maxYear) });
    return { input: input, wrap: el("div", { className: "mdir-field" }, [el("label", { "for": id, text: text }), input]) };
  }

  function facetBox(facet, f) {
    var options = facet.names.map(function (name, v) {
      var input = el("input", { type: "checkbox", name: "facet", value: v, "data-facet": f });
      var count = el("span", { className: "mdir-option__count" });
      var label = el("label", { className: "mdir-option" }, [input, document.createTextNode(" " + name + " "), count]);
      return { input: input, count: count, label: label };
    });
    var summary = el("summary", { text: facet.title });
    var chosen = el("span", { className: "mdir-facet__chosen" });
    summary.appendChild(chosen);
    var node = el("details", { className: "mdir-facet" }, [
      summary,
      el("fieldset", {}, [el("legend", { className: "mdir-sr-only", text: facet.title })]
        .concat(options.map(function (o) { return o.label; })))
    ]);
    return { node: node, options: options, chosen: chosen };
  }

  // Only what changed is written: most counts stay the same from one keystroke to the next.
  function showCounts(box, counts) {
    box.options.forEach(function (o, v) {
      var n = counts[v];
      var text = "(" + n + ")";
      if (o.count.textContent !== text) o.count.textContent = text;
      var none = n === 0 && !o.input.checked;
      if (o.label.classList.contains("mdir-option--none") !== none) o.label.classList.toggle("mdir-option--none", none);
    });
  }

  // Put the controls in line with the state (after popstate or "clear").
  function sync() {
    ui.query.value = state.q;
    ui.facets.forEach(function (box, f) {
      box.options.forEach(function (o, v) { o.input.checked = !!state.selected[f][v]; });
    });
    ui.from.input.value = state.from || "";
    ui.to.input.value = state.to || "";
  }

  function update() {
    var found = compute();
    var total = found.results.length;
    ui.facets.forEach(function (box, f) {
      showCounts(box, found.counts[f]);
      var picked = box.options.filter(function (o) { return o.input.checked; }).length;
      box.chosen.textContent = picked ? " (" + picked + " chosen)" : "";
    });
    var fragment = document.createDocumentFragment();
    found.results.slice(0, state.shown).forEach(function (i) {
      // A card is built once and moved about: most keystrokes show cards already made.
      fragment.appendChild(cards[i] || (cards[i] = card(records[i])));
    });
    ui.list.textContent = "";
    ui.list.appendChild(fragment);
    ui.count.textContent = total === records.length && !state.q
      ? records.length + " mentors, available first."
      : total + (total === 1 ? " mentor matches." : " mentors match.");
    var rest = total - Math.min(total, state.shown);
    ui.more.hidden = rest <= 0;
    ui.more.textContent = "Show " + Math.min(rest, PAGE) + " more (" + rest + " not shown)";
    helpWhenEmpty(total, found);
  }

  // -- When nothing matches: what to drop, topics nearby, and other ways to find someone ---

  function helpWhenEmpty(total, found) {
    ui.empty.textContent = "";
    ui.empty.hidden = total > 0;
    if (total > 0) return;
    ui.empty.appendChild(el("p", { className: "mdir-empty__title", text: "No mentor matches all of that." }));
    var drops = el("ul", { className: "mdir-empty__drops" });
    var add = function (text, count, undo) {
      if (!count) return;
      var button = el("button", { type: "button", className: "mdir-link-button",
        text: text + ": " + count + (count === 1 ? " mentor" : " mentors") });
      button.addEventListener("click", function () { undo(); sync(); update(); remember(true); });
      drops.appendChild(el("li", {}, [button]));
    };
    if (state.q) add("Search without “" + state.q + "”", found.without[QUERY_BIT], function () { state.q = ""; });
    FACETS.forEach(function (facet, f) {
      var names = Object.keys(state.selected[f]).filter(function (v) { return state.selected[f][v]; })
        .map(function (v) { return facet.names[v]; });
      if (names.length) {
        add("Remove " + facet.title.toLowerCase() + " " + names.join(" or "), found.without[1 << f], function () {
          state.selected[f] = {};
        });
      }
    });
    if (state.from || state.to) add("Any graduation year", found.without[YEAR_BIT], function () { state.from = state.to = null; });
    // "Did you mean" compares the words with the whole index: it follows the results, so that
    // typing is never held up by it, and only if the words are still the same.
    var meant = el("p", { hidden: "" });
    ui.empty.appendChild(meant);
    var asked = state.q;
    if (asked) setTimeout(function () { didYouMean(meant, asked); }, 0);
    if (drops.children.length) {
      ui.empty.appendChild(el("p", { text: "Drop one of these to see more:" }));
      ui.empty.appendChild(drops);
    }
    var nearby = Object.keys(found.counts[0]).filter(function (v) { return found.counts[0][v] > 0 && !state.selected[0][v]; })
      .sort(function (a, b) { return found.counts[0][b] - found.counts[0][a]; }).slice(0, 5);
    if (nearby.length) {
      var topics = el("ul", { className: "mdir-empty__drops" });
      nearby.forEach(function (v) {
        var button = el("button", { type: "button", className: "mdir-link-button",
          text: labels.topics[v] + " (" + found.counts[0][v] + ")" });
        button.addEventListener("click", function () {
          state.selected[0] = {};
          state.selected[0][v] = true;
          sync(); update(); remember(true);
        });
        topics.appendChild(el("li", {}, [button]));
      });
      ui.empty.appendChild(el("p", { text: "Topics nearby with mentors who match the rest:" }));
      ui.empty.appendChild(topics);
    }
    var more = el("p");
    more.appendChild(document.createTextNode("Still no one? "));
    more.appendChild(el("a", { href: root.getAttribute("data-schemes"), text: "Group mentoring" }));
    more.appendChild(document.createTextNode(" brings several students together with one mentor, and "));
    more.appendChild(el("a", { href: root.getAttribute("data-approach"), text: "approaching people outside the directory" }));
    more.appendChild(document.createTextNode(" works too: peers, recent graduates and people in the field you admire."));
    ui.empty.appendChild(more);
  }

  function didYouMean(node, asked) {
    if (state.q !== asked || !node.parentNode) return;
    var better = matcher.suggest(asked, records.length);
    if (!better) return;
    var fix = el("button", { type: "button", className: "mdir-link-button mdir-empty__suggestion",
      text: better.text + " (" + better.count + (better.count === 1 ? " mentor)" : " mentors)") });
    fix.addEventListener("click", function () { state.q = better.text; sync(); update(); remember(true); });
    node.appendChild(document.createTextNode("Did you mean "));
    node.appendChild(fix);
    node.appendChild(document.createTextNode("?"));
    node.hidden = false;
  }

  var loaded = performance.now();
  fromURL();
  build();
  sync();
  update();
  // Once the page is idle, one search of each kind (prefix, whole words, a typo) readies the
  // browser's compiled code, so that the first keystrokes are as quick as the rest.
  setTimeout(function () { ["ab", "abc de", "abcdefgh"].forEach(function (q) { matcher.find(q, records.length); }); }, 200);
  // Timings for the benchmark: loading the index, and the first results on screen.
  window.mentorDirectorySearch = {
    ready: true,
    timings: { load: loaded - started, ready: performance.now() - started, readyAt: performance.now() }
  };
})();
