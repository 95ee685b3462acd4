/* Find a mentor: full-text search (match.js) and multi-select filters over the prebuilt word index.
   Progressive enhancement: without this script the page lists every mentor as cards. */
(function () {
  "use strict";

  var PAGE = 24;
  var started = performance.now();
  var data = window.mentorDirectoryData;
  var root = document.getElementById("mdir-search");
  var blank = document.getElementById("mdir-card-template"); // the card's markup (cards.js)
  if (!data || !window.lunr || !window.mentorDirectoryMatcher || !window.mentorDirectoryCards || !root || !blank) return;

  var labels = data.labels;
  var F = {};
  data.record.forEach(function (name, i) { F[name] = i; });
  var records = data.records;
  var regionNames = unique(labels.regions).sort();
  var matcher = window.mentorDirectoryMatcher(data.search);
  var cards = window.mentorDirectoryCards({ blank: blank, records: records, fields: F, labels: labels,
    root: root.getAttribute("data-root"), link: link });

  // -- Facets: how each filter reads a record, names its values, and writes them in the URL --

  function one(field) { return function (r) { return [r[field]]; }; }
  function many(field) { return function (r) { return r[field]; }; }
  var FACETS = [
    { key: "topic", values: many(F.topics), names: labels.topics, params: labels.topicSlugs },
    { key: "sector", values: many(F.sectors), names: labels.sectors, params: labels.sectorSlugs },
    { key: "region", names: regionNames, params: regionNames,
      values: function (r) { return [regionNames.indexOf(labels.regions[r[F.country]])]; } },
    { key: "country", values: one(F.country), names: labels.countries,
      params: labels.countryCodes.map(function (c) { return c.toLowerCase(); }) },
    { key: "language", values: many(F.languages), names: labels.languages, params: labels.languageCodes },
    { key: "scheme", values: many(F.schemes), params: labels.schemes, names: labels.schemeNames },
    { key: "format", values: many(F.formats), params: labels.formats, names: labels.formatNames },
    { key: "availability", values: one(F.status), params: labels.statuses, names: labels.statusNames }
  ];
  FACETS.forEach(function (facet) { facet.title = labels.titles[facet.key]; });
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

  var state = { q: "", selected: FACETS.map(function () { return {}; }), from: null, to: null, sort: null, shown: PAGE };

  // The orders a student may choose. "match" is offered only while searching; without a choice,
  // results come by best match when searching, else in the day's fair order (records' own order).
  var SORTS = [
    { key: "match", text: "Best match" },
    { key: "fair", text: "Available first" },
    { key: "confirmed", text: "Recently confirmed" },
    { key: "name", text: "Name (A–Z)" }
  ];

  // A counted phrase in the form the count needs ("1 mentor", "2 mentors"), as the site's Python writes it.
  var plural = new Intl.PluralRules(labels.locale);
  function say(key, n, values) {
    var forms = labels.phrases[key];
    var text = forms[plural.select(n)] || forms.other;
    return text.replace(/\{(\w+)\}/g, function (all, name) { return name === "n" ? n : values[name]; });
  }

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

  // One pass over the candidates (every record, or those the words match): the results, the
  // counts of the facets asked for (a bit each in `wanted`) among the records that pass every
  // other filter, and how many would match if one constraint were dropped. A keystroke counts
  // only the filters that are open: a closed one is counted when it opens (countOpened).
  var everyone = {}; // compute() for no words, by filters: typing a first letter comes back to it
  var EVERY_FACET = (1 << FACETS.length) - 1;

  function compute(wanted) {
    var candidates = search(state.q); // record positions in rank order, or null: no words
    if (!candidates) {
      var key = JSON.stringify([state.selected, state.from, state.to]);
      return everyone[key] || (everyone[key] = tally(null, EVERY_FACET));
    }
    var found = tally(candidates, wanted);
    // With no one found, the helper suggests topics: it needs their counts.
    return found.results.length || found.counted & 1 ? found : tally(candidates, wanted | 1);
  }

  function tally(candidates, wanted) {
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
        if (wanted === EVERY_FACET) for (; k < end; k++) all[CODES[k]]++;
        else if (wanted) for (; k < end; k++) if ((wanted >> FACET_OF[k]) & 1) all[CODES[k]]++;
        continue;
      }
      if ((mask & (mask - 1)) === 0) without[mask] = (without[mask] || 0) + 1;
      // A facet's counts are among the mentors every other filter lets through.
      for (; k < end; k++) if ((mask & ~(1 << FACET_OF[k])) === 0 && (wanted >> FACET_OF[k]) & 1) all[CODES[k]]++;
    }
    if (candidates && !results.length) {
      // Only the zero-results helper needs this: how many match the filters without the words
      // (with no filter, everyone: a typo that finds no one is not held up by counting them).
      without[QUERY_BIT] = filtered ? 0 : records.length;
      for (var j = 0; filtered && j < records.length; j++) if (failures(j, active) === 0) without[QUERY_BIT]++;
    }
    return { results: results, counts: counts, without: without, counted: wanted };
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
    if (state.sort) params.set("sort", state.sort);
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
    var sort = params.get("sort");
    state.sort = SORTS.some(function (o) { return o.key === sort; }) ? sort : null;
    state.shown = PAGE;
  }

  // -- Sorting -----------------------------------------------------------------------------

  function searching() {
    return search(state.q) !== null;
  }

  function sortKey() {
    if (state.sort && (state.sort !== "match" || searching())) return state.sort;
    return searching() ? "match" : "fair";
  }

  // Each record's place in an order, worked out once: sorting then compares two numbers.
  var places = {};

  function place(key) {
    if (places[key]) return places[key];
    var order = records.map(function (r, i) { return i; });
    if (key === "name") {
      var collator = new Intl.Collator(document.documentElement.lang || undefined, { sensitivity: "base", numeric: true });
      order.sort(function (a, b) { return collator.compare(records[a][F.name], records[b][F.name]) || a - b; });
    } else if (key === "confirmed") {
      var dates = data.confirmed || [];
      // Newest first; unconfirmed (imported) profiles last; ties in the day's fair order.
      order.sort(function (a, b) { return (dates[a] || "") < (dates[b] || "") ? 1 : (dates[a] || "") > (dates[b] || "") ? -1 : a - b; });
    }
    places[key] = new Int32Array(records.length);
    order.forEach(function (i, n) { places[key][i] = n; });
    return places[key];
  }

  function arrange(results) {
    var key = sortKey();
    if (key === "match" || (key === "fair" && !searching())) return results; // already in that order
    var at = place(key);
    return results.slice().sort(function (a, b) { return at[a] - at[b]; });
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

  // -- The panel ---------------------------------------------------------------------------

  var ui = {};

  function build() {
    ui.query = el("input", { type: "search", id: "mdir-q", className: "mdir-search__input",
      placeholder: "Name, topic, organisation, country…", autocomplete: "off", "aria-describedby": "mdir-count" });
    ui.facets = FACETS.map(function (facet, f) { return facetBox(facet, f); });
    ui.from = yearInput("mdir-from", "From");
    ui.to = yearInput("mdir-to", "To");
    ui.clear = el("button", { type: "button", className: "md-button mdir-search__clear", text: "Clear search and filters" });
    // The count shows at once; the status region tells screen readers once the results settle.
    ui.count = el("p", { id: "mdir-count", className: "mdir-search__count" });
    ui.status = el("p", { id: "mdir-status", className: "mdir-sr-only", role: "status", "aria-live": "polite" });
    ui.sort = el("select", { id: "mdir-sort", name: "sort" });
    ui.chips = el("ul", { className: "mdir-chips", "aria-label": "Filters in use" });
    ui.list = el("ul", { className: "mdir-cards", id: "mdir-list" });
    ui.more = el("button", { type: "button", className: "md-button mdir-search__more" });
    ui.empty = el("div", { className: "mdir-empty", hidden: "" });

    var years = el("details", { className: "mdir-facet" }, [
      el("summary", { text: labels.titles.years }),
      el("div", { className: "mdir-years" }, [ui.from.wrap, ui.to.wrap])
    ]);
    var form = el("form", { className: "mdir-search__form", role: "search", "aria-label": "Find a mentor" }, [
      el("label", { "for": "mdir-q", className: "mdir-search__label", text: "Search mentors" }),
      ui.query
    ]);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    ui.panel = el("div", { className: "mdir-filters__panel" }, [
      el("div", { className: "mdir-facets" }, ui.facets.map(function (box) { return box.node; }).concat([years])),
      ui.clear
    ]);
    // Wide screens: a column beside the results. Narrow: the same panel, in a dialog (filtersDialog).
    var column = el("section", { className: "mdir-filters", "aria-labelledby": "mdir-filters-title" }, [
      el("h2", { id: "mdir-filters-title", className: "mdir-filters__title", text: "Filters" }),
      ui.panel
    ]);
    ui.dialog = filtersDialog(column);
    var toolbar = el("div", { className: "mdir-toolbar" }, [
      ui.dialog.button,
      ui.count,
      el("div", { className: "mdir-sort" }, [el("label", { "for": "mdir-sort", text: "Sort by" }), ui.sort])
    ]);
    root.appendChild(form);
    root.appendChild(column);
    root.appendChild(el("div", { className: "mdir-main" }, [
      toolbar, ui.chips, ui.status, ui.empty,
      el("h2", { className: "mdir-sr-only", text: "Mentors" }),
      ui.list, ui.more
    ]));
    root.appendChild(ui.dialog.node);
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
      } else if (target === ui.sort) {
        // Choosing what would be shown anyway leaves no choice behind: the default can follow the words.
        state.sort = ui.sort.value === (searching() ? "match" : "fair") ? null : ui.sort.value;
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
      if (ui.dialog.node.open) ui.dialog.node.close();
      ui.query.focus();
    });
    ui.chips.addEventListener("click", function (event) {
      var chip = event.target.closest("button[data-chip]");
      if (!chip) return;
      var at = +chip.getAttribute("data-chip");
      ui.chipList[at].undo();
      state.shown = PAGE;
      sync();
      update();
      remember(true);
      // Focus stays in the row: on the chip that took this one's place, else the one before it.
      var rest = ui.chips.querySelectorAll("button");
      if (rest.length) rest[Math.min(at, rest.length - 1)].focus();
      else ui.query.focus();
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

  // Narrow screens: a "Filters (n)" button opens the filters in a modal dialog, with the result
  // count at its foot. The browser keeps focus inside it, and Escape closes it; focus then goes
  // back to the button. On wide screens the button is hidden (directory.css) and the panel stays
  // in its column.
  function filtersDialog(column) {
    var button = el("button", { type: "button", className: "md-button mdir-filters-button", "aria-haspopup": "dialog" });
    var close = el("button", { type: "button", className: "mdir-dialog__close", "aria-label": "Close filters", text: "×" });
    var done = el("button", { type: "button", className: "md-button md-button--primary mdir-dialog__done" });
    var body = el("div", { className: "mdir-dialog__body" });
    var foot = el("div", { className: "mdir-dialog__foot" }, [done]);
    var node = el("dialog", { className: "mdir-dialog", "aria-labelledby": "mdir-dialog-title" }, [
      el("div", { className: "mdir-dialog__head" }, [el("h2", { id: "mdir-dialog-title", text: "Filters" }), close]),
      body,
      foot
    ]);
    var home;
    button.addEventListener("click", function () {
      body.appendChild(ui.panel);
      // Outside a modal dialog nothing is read out: the status region comes along while it is open.
      home = ui.status.parentNode;
      foot.insertBefore(ui.status, done);
      node.showModal();
    });
    node.addEventListener("close", function () {
      column.appendChild(ui.panel);
      if (home) home.insertBefore(ui.status, ui.empty);
      if (!wide.matches) button.focus();
    });
    close.addEventListener("click", function () { node.close(); });
    done.addEventListener("click", function () { node.close(); });
    node.addEventListener("click", function (event) { if (event.target === node) node.close(); }); // the backdrop
    var wide = window.matchMedia("(min-width: 76.25em)"); // as directory.css: the theme's sidebar width
    var onWide = function () { if (wide.matches && node.open) node.close(); };
    if (wide.addEventListener) wide.addEventListener("change", onWide);
    return {
      node: node,
      button: button,
      show: function (chosen, total) {
        setText(button, "Filters" + (chosen ? " (" + chosen + ")" : ""));
        setText(done, say("show_mentors", total));
      }
    };
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
    // Counted as it opens, before it shows: a click on the summary comes before the opening;
    // "toggle" follows any other way it opens.
    summary.addEventListener("click", function () { if (!node.open) countOpened(f); });
    node.addEventListener("toggle", function () { if (node.open) countOpened(f); });
    return { node: node, options: options, chosen: chosen };
  }

  function countOpened(f) {
    var box = ui.facets[f];
    if (box.node.hasAttribute("data-stale")) showCounts(box, compute(1 << f).counts[f]);
  }

  // A closed filter's counts are left as they were, and marked out of date (directory.css hides
  // them) until it opens and they are counted again.
  function staleCounts(box) {
    if (!box.node.hasAttribute("data-stale")) box.node.setAttribute("data-stale", "");
  }

  // Only what changed is written: most counts stay the same from one keystroke to the next.
  function showCounts(box, counts) {
    box.node.removeAttribute("data-stale");
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
    syncSort();
  }

  // "Best match" is offered only while there are words to match.
  function syncSort() {
    var offered = searching() ? SORTS : SORTS.slice(1);
    if (ui.sort.options.length !== offered.length) {
      ui.sort.textContent = "";
      offered.forEach(function (o) { ui.sort.appendChild(el("option", { value: o.key, text: o.text })); });
    }
    if (ui.sort.value !== sortKey()) ui.sort.value = sortKey();
  }

  // Each filter in use, as a button that removes it: "Topic: Climate ×".
  function chipsFor() {
    var chips = [];
    FACETS.forEach(function (facet, f) {
      Object.keys(state.selected[f]).forEach(function (v) {
        if (state.selected[f][v]) chips.push({ text: facet.title + ": " + facet.names[v], undo: function () { delete state.selected[f][v]; } });
      });
    });
    if (state.from || state.to) {
      var span = state.from && state.to ? state.from + "–" + state.to : state.from ? "from " + state.from : "until " + state.to;
      chips.push({ text: "Graduated: " + span, undo: function () { state.from = state.to = null; } });
    }
    return chips;
  }

  function showChips() {
    var chips = chipsFor();
    var key = chips.map(function (c) { return c.text; }).join("\n");
    ui.chipList = chips;
    if (ui.chips.getAttribute("data-key") === key) return; // typing leaves the chips alone
    ui.chips.setAttribute("data-key", key);
    ui.chips.textContent = "";
    chips.forEach(function (chip, i) {
      ui.chips.appendChild(el("li", {}, [el("button", { type: "button", className: "mdir-chip", "data-chip": i,
        "aria-label": "Remove " + chip.text }, [document.createTextNode(chip.text), el("span", { "aria-hidden": "true", text: " ×" })])]));
    });
    ui.chips.hidden = !chips.length;
  }

  // Screen readers hear the count once the results settle, not at every keystroke; not at all on load.
  var announcing;

  function announce(text) {
    clearTimeout(announcing);
    announcing = setTimeout(function () {
      if (ui.status.textContent !== text) ui.status.textContent = text;
    }, 500);
  }

  function update(first) {
    var open = 0;
    ui.facets.forEach(function (box, f) { if (box.node.open) open |= 1 << f; });
    var found = compute(open);
    var results = arrange(found.results);
    var total = results.length;
    ui.facets.forEach(function (box, f) {
      if ((open >> f) & 1) showCounts(box, found.counts[f]);
      else staleCounts(box);
      var picked = box.options.filter(function (o) { return o.input.checked; }).length;
      setText(box.chosen, picked ? " (" + picked + " chosen)" : "");
    });
    cards.show(ui.list, results, state.shown);
    setText(ui.count, total === records.length && !state.q
      ? say(sortKey() === "fair" ? "mentors_listed" : "mentors_all", records.length)
      : say("mentors_match", total));
    if (!first) announce(ui.count.textContent);
    showChips();
    syncSort();
    ui.dialog.show(ui.chipList.length, total);
    var rest = total - Math.min(total, state.shown);
    if (ui.more.hidden !== rest <= 0) ui.more.hidden = rest <= 0;
    setText(ui.more, "Show " + Math.min(rest, PAGE) + " more (" + rest + " not shown)");
    helpWhenEmpty(total, found);
  }

  // Writing a text that is already there would still make the browser lay it out again.
  function setText(node, text) {
    if (node.textContent !== text) node.textContent = text;
  }

  // -- When nothing matches: what to drop, topics nearby, and other ways to find someone ---

  function helpWhenEmpty(total, found) {
    if (ui.empty.firstChild) ui.empty.textContent = "";
    if (ui.empty.hidden !== total > 0) ui.empty.hidden = total > 0;
    if (total > 0) return;
    ui.empty.appendChild(el("p", { className: "mdir-empty__title", text: "No mentor matches all of that." }));
    var drops = el("ul", { className: "mdir-empty__drops" });
    var add = function (text, count, undo) {
      if (!count) return;
      var button = el("button", { type: "button", className: "mdir-link-button",
        text: text + ": " + say("mentors", count) });
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
    more.appendChild(el("a", { href: root.getAttribute("data-schemes"), text: labels.schemeShort[labels.schemes.indexOf("group")] }));
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
      text: better.text + " (" + say("mentors", better.count) + ")" });
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
  update(true);
  // As soon as the page is idle, one search of each kind (prefix, whole words, a typo) readies
  // the browser's compiled code, so that the first keystrokes are as quick as the rest.
  var idle = window.requestIdleCallback || function (then) { return setTimeout(then, 0); };
  idle(function () { ["ab", "abc de", "abcdefgh"].forEach(function (q) { matcher.find(q, records.length); }); });
  // Timings for the benchmark: loading the index, and the first results on screen.
  window.mentorDirectorySearch = {
    ready: true,
    timings: { load: loaded - started, ready: performance.now() - started, readyAt: performance.now() }
  };
})();
