/* The header search finds mentors by the directory's own matcher (match.js), so the same words
   find the same mentors in both. Material's search keeps the guidance pages; above its list go
   the best mentors for the words typed, each its own result (name, then headline), and a link
   to every mentor matching them on "Find a mentor". The directory's data is loaded on the first
   search only, as classic scripts, so this also works from file://. */
(function () {
  "use strict";

  var SHOWN = 5;
  var input = document.querySelector("[data-md-component=search-query]");
  var panel = document.querySelector("[data-md-component=search-result]");
  // The site's link to "Find a mentor" says where the directory is and how pages are linked.
  // On that page itself, the page is the directory.
  var nav = document.querySelector('a[href$="mentors/"], a[href$="mentors/index.html"]');
  var here = document.getElementById("mdir-search") ? location.href : null;
  if (!input || !panel || !(nav || here)) return;
  var directory = (here || nav.href).split("?")[0].split("#")[0];
  var suffix = /index\.html$/.test(directory) ? "index.html" : "";
  var base = directory.replace(/mentors\/(index\.html)?$/, "");
  var state = "idle"; // then "loading", "ready" or "failed"
  var matcher = null;
  var block = null;

  function load(done) {
    if (state !== "idle") return;
    // Offline on the hosted site, the service worker keeps the guidance but not the directory's
    // data (profiles are fetched fresh): try again once back online.
    if (location.protocol !== "file:" && navigator.onLine === false) return;
    state = "loading";
    // The directory page has them already.
    var sources = [[window.lunr, "vendor/lunr-2.3.9.min.js"], [window.mentorDirectoryData, "mentors-data.js"],
      [window.mentorDirectoryMatcher, "match.js"]].filter(function (s) { return !s[0]; }).map(function (s) {
      return "assets/mentor-directory/" + s[1];
    });
    (function next() {
      if (!sources.length) {
        var data = window.mentorDirectoryData;
        matcher = data && window.mentorDirectoryMatcher ? window.mentorDirectoryMatcher(data.search) : null;
        state = matcher ? "ready" : "failed";
        done();
        return;
      }
      var tag = document.createElement("script");
      tag.src = base + sources.shift();
      tag.onload = next;
      tag.onerror = function () { state = "failed"; };
      document.head.appendChild(tag);
    })();
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  // Between Material's count line (its first child) and its list (its last child), which it finds by position.
  function container() {
    if (!block) {
      block = el("div", "mdir-header-mentors");
      block.setAttribute("data-mdir", "header-mentors");
      panel.insertBefore(block, panel.lastElementChild);
    }
    return block;
  }

  function show() {
    var text = input.value;
    if (state === "idle" && text.trim()) load(show);
    if (state !== "ready") return;
    var box = container();
    box.textContent = "";
    var data = window.mentorDirectoryData;
    var found = matcher.find(text.trim().toLowerCase(), data.records.length);
    box.hidden = !found || !found.length;
    if (box.hidden) return;
    var F = {};
    data.record.forEach(function (name, i) { F[name] = i; });
    // The count's wording and its plural forms come from the site's Python, with the data.
    var forms = data.labels.phrases.mentors_matching;
    var phrase = forms[new Intl.PluralRules(data.labels.locale).select(found.length)] || forms.other;
    var all = el("a", "mdir-header-mentors__all", phrase.replace(/\{(\w+)\}/g, function (match, name) {
      return name === "n" ? found.length : text.trim();
    }));
    all.href = directory + "?" + new URLSearchParams({ search: text.trim() }).toString();
    var list = el("ol", "md-search-result__list mdir-header-mentors__list");
    found.slice(0, SHOWN).forEach(function (i) {
      var r = data.records[i];
      var link = el("a", "md-search-result__link");
      link.href = base + "mentors/" + r[F.slug] + "/" + suffix;
      var article = el("article", "md-search-result__article md-typeset");
      var title = el("h1", "", r[F.name]);
      if (r[F.name_latin]) title.appendChild(el("span", "mdir-name-latin", " " + r[F.name_latin]));
      article.appendChild(title);
      article.appendChild(el("p", "", r[F.headline]));
      link.appendChild(article);
      var item = el("li", "md-search-result__item");
      item.appendChild(link);
      list.appendChild(item);
    });
    box.appendChild(el("p", "md-search-result__meta mdir-header-mentors__title", "Mentors"));
    box.appendChild(list);
    box.appendChild(all);
  }

  input.addEventListener("input", show);
  input.addEventListener("focus", function () { if (state === "idle") load(show); });
  if (input.value) show();
})();
