/* Find a mentor's result cards. A card is the server's card: a clone of the <template> the page
   renders with the same macro, filled with the same words. Each is built once, and the first
   page of results is kept on screen with as little change to the page as each keystroke allows. */
(function (root) {
  "use strict";

  function cards(options) {
    var blank = options.blank.content.firstElementChild;
    // The line breaks between the card's blocks draw nothing (the card is a flex box, its body
    // a block of blocks), but each is a node to copy, insert and take away on every keystroke.
    [blank, blank.querySelector(".mdir-card__body")].forEach(function (box) {
      for (var child = box.firstChild, after; child; child = after) {
        after = child.nextSibling;
        if (child.nodeType === 3 && !child.textContent.trim()) child.remove();
      }
    });
    var records = options.records, F = options.fields, labels = options.labels;
    var built = {}; // record position -> its card: most keystrokes show cards already made

    // A part the mentor does not have is taken out, with the space before it.
    function drop(part) {
      var before = part.previousSibling;
      if (before && before.nodeType === 3 && !before.textContent.trim()) before.remove();
      part.remove();
    }

    function fill(node, selector, text) {
      var part = node.querySelector(selector);
      if (text) part.textContent = text;
      else drop(part);
      return part;
    }

    function fillList(node, selector, texts) {
      var list = node.querySelector(selector);
      var item = list.firstElementChild;
      texts.forEach(function (text) {
        var copy = item.cloneNode(false);
        copy.textContent = text;
        list.appendChild(copy);
      });
      item.remove();
    }

    function statusText(r) {
      var until = r[F.paused_until];
      return until ? labels.pausedUntil.replace("{date}", until) : labels.statusText[r[F.status]];
    }

    function card(r) {
      var node = blank.cloneNode(true);
      var status = labels.statuses[r[F.status]];
      node.setAttribute("data-status", status);
      var photo = node.querySelector("img.mdir-avatar");
      var initials = node.querySelector(".mdir-avatar--initials");
      if (r[F.photo]) {
        photo.setAttribute("src", options.root + r[F.photo]);
        drop(initials);
      } else {
        initials.textContent = r[F.initials];
        initials.style.setProperty("--mdir-hue", r[F.hue]);
        drop(photo);
      }
      var name = node.querySelector(".mdir-card__link");
      name.textContent = r[F.name];
      name.setAttribute("href", options.link(r[F.slug]));
      fill(node, ".mdir-name-latin", r[F.name_latin]);
      fill(node, ".mdir-pronouns", r[F.pronouns]);
      fill(node, ".mdir-card__headline", r[F.headline]);
      fill(node, ".mdir-status", statusText(r)).className = "mdir-status mdir-status--" + status;
      fillList(node, ".mdir-card__schemes", r[F.schemes].map(function (v) { return labels.schemeShort[v]; }));
      fill(node, ".mdir-card__country", labels.countries[r[F.country]]);
      fill(node, ".mdir-card__languages", r[F.languages].map(function (v) { return labels.languages[v]; }).join(", "));
      fillList(node, ".mdir-tags", r[F.topics].map(function (v) { return labels.topics[v]; }));
      if (!r[F.unconfirmed]) fill(node, ".mdir-unconfirmed", "");
      return node;
    }

    // The first `count` results in `list`, in order. A card that keeps its place is left where it
    // is, and only the cards that came or went are moved: the browser then styles and lays out
    // those alone, where emptying the list and filling it again redid every card on each keystroke.
    // But when most cards go (a word's first letters replace the whole page), the list is emptied
    // at once and refilled: the browser takes a list's children away in one step far more cheaply
    // than one by one (a card it has drawn costs most to take away).
    function show(list, results, count) {
      var n = Math.min(results.length, count), nodes = new Array(n), staying = 0;
      for (var k = 0; k < n; k++) {
        var i = results[k];
        nodes[k] = built[i] || (built[i] = card(records[i]));
        if (nodes[k].parentNode === list) staying++;
      }
      if (list.children.length - staying > staying) {
        list.textContent = ""; // the few that stay go too, in the same step: they come back below
        var all = document.createDocumentFragment();
        for (k = 0; k < n; k++) all.appendChild(nodes[k]);
        list.appendChild(all);
        return;
      }
      var next = list.firstChild;
      for (k = 0; k < n; k++) {
        if (nodes[k] === next) next = next.nextSibling;
        else list.insertBefore(nodes[k], next);
      }
      while (next) {
        var after = next.nextSibling;
        list.removeChild(next);
        next = after;
      }
    }

    return { show: show };
  }

  root.mentorDirectoryCards = cards;
})(window);
