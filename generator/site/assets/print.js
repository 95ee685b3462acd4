/* Printing: each link in the text is followed by its full address, so a printed page still says
   where it leads (print.css shows data-print-href after the link). */
(function () {
  "use strict";
  // In the offline copy a page's own address is a path on someone's disk: only other sites count.
  var online = /^https?:$/.test(location.protocol);
  var links = document.querySelectorAll(".md-content .md-typeset a[href]");
  Array.prototype.forEach.call(links, function (a) {
    var href = a.getAttribute("href");
    if (a.closest(".headerlink, .md-button, .mdir-cards, .mdir-tags, .mdir-ask") || href.charAt(0) === "#") return;
    var shown = null;
    if (/^mailto:[^?]+$/.test(href)) shown = decodeURIComponent(href.slice(7));
    else if (/^https?:/.test(href) || (online && !/^[a-z]+:/i.test(href))) shown = a.href;
    if (shown && a.textContent.trim() !== shown) a.setAttribute("data-print-href", shown);
  });
})();
