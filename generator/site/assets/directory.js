/* The "Ask for a conversation" composer: progressive enhancement over a plain mailto: link.
   Without JavaScript the link already works, with blanks in the message to fill in; the form
   (in the page, hidden) is shown here, and its parts are those of the guidance's good first message. */
(function () {
  "use strict";

  var STORE = "mentor-directory.student"; // the student's name and course, only when they ask
  var PARTS = ["student_name", "student_course", "why", "question"]; // what the student writes
  var PART_NAMES = {
    student_name: "your name", student_course: "your course", why: "why you chose them", question: "your question"
  };

  function decodeAddress(encoded) {
    // Built as base64 of the reversed address, so the page source never holds it as text.
    var bytes = atob(encoded);
    var text = decodeURIComponent(
      Array.prototype.map.call(bytes, function (c) {
        return "%" + ("0" + c.charCodeAt(0).toString(16)).slice(-2);
      }).join("")
    );
    return text.split("").reverse().join("");
  }

  function make(tag, attributes, text) {
    var element = document.createElement(tag);
    Object.keys(attributes).forEach(function (name) {
      if (name === "className") element.className = attributes[name];
      else element.setAttribute(name, attributes[name]);
    });
    if (text) element.textContent = text;
    return element;
  }

  function fill(template, values) {
    return template.replace(/\{([a-z_]+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? values[name] : whole;
    });
  }

  // RFC 6068: UTF-8 percent-encoding, %20 for spaces, CRLF line breaks.
  function encode(value) {
    return encodeURIComponent(value).replace(/[!'()*]/g, function (c) {
      return "%" + c.charCodeAt(0).toString(16).toUpperCase();
    });
  }

  function crlf(text) {
    return text.replace(/\r\n/g, "\n").replace(/\n/g, "\r\n");
  }

  function mailto(address, subject, body) {
    var parts = address.split("@");
    return "mailto:" + parts.map(encode).join("@") +
      "?subject=" + encode(subject) + "&body=" + encode(crlf(body));
  }

  // Cut by characters, not UTF-16 units: half an emoji cannot be encoded into a link.
  function clip(text, cap) {
    var chars = Array.from(text);
    return chars.length <= cap ? text : chars.slice(0, cap).join("").replace(/\s+$/, "") + "\u2026";
  }

  function storage() {
    try {
      window.localStorage.getItem(STORE);
      return window.localStorage;
    } catch (e) {
      return null; // storage turned off or full: the box to tick is not offered
    }
  }

  function selectText(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function topicPhrase(label) {
    // How the label reads mid-sentence, as the site's Python wrote it on the topic's link.
    var links = document.querySelectorAll(".mdir-profile [data-topics] a");
    for (var i = 0; i < links.length; i++) {
      if (links[i].textContent === label) return links[i].getAttribute("data-phrase") || label;
    }
    return label;
  }

  function Composer(box) {
    this.box = box;
    this.address = decodeAddress(box.getAttribute("data-mx"));
    this.config = window.mentorDirectory.email;
    this.name = box.getAttribute("data-name");
    this.form = box.querySelector(".mdir-composer");
    this.form.hidden = false;
    this.fields = this.form.elements;
    this.notice = box.querySelector("#ask-notice");
    this.warning = box.querySelector("#ask-warning");
    this.send = box.querySelector(".mdir-ask__send");
    // A programme's own email template may leave a part out: its field would change nothing, so it goes.
    var template = this.config.subject + this.config.body;
    this.parts = PARTS.filter(function (name) { return template.indexOf("{" + name + "}") !== -1; });
    PARTS.forEach(function (name) {
      if (this.parts.indexOf(name) === -1) this.fields[name].closest(".mdir-field").hidden = true;
    }, this);
    this.form.querySelector(".mdir-composer__part--ask").hidden = template.indexOf("{ask}") === -1;
    this.addTools(this.send.parentNode);
    this.remember();
    this.form.addEventListener("input", this.update.bind(this));
    this.form.addEventListener("change", this.update.bind(this));
    this.form.addEventListener("submit", function (event) { event.preventDefault(); });
    this.send.addEventListener("click", this.check.bind(this));
    this.update();
  }

  // What only works with the script is made by it: copy buttons, webmail links, the preview.
  Composer.prototype.addTools = function (actions) {
    ["message", "address"].forEach(function (what) {
      var button = make("button", { type: "button", className: "md-button", "data-copy": what },
        what === "message" ? "Copy message" : "Copy address");
      button.addEventListener("click", this.copy.bind(this, button));
      actions.appendChild(button);
    }, this);
    // Screen readers are told when something is copied: a changed button label is not announced.
    this.announce = actions.appendChild(make("span", { className: "mdir-sr-only", role: "status" }));
    this.webmail = make("p", { className: "mdir-ask__webmail" }, "No mail app? ");
    [["gmail", "Open in Gmail"], ["outlook", "Open in Outlook on the web"]].forEach(function (service, i) {
      var link = make("a", { "data-webmail": service[0], target: "_blank", rel: "noopener noreferrer", href: "#" },
        service[1]);
      if (i) this.webmail.appendChild(document.createTextNode(" · "));
      this.webmail.appendChild(link);
    }, this);
    this.addressText = make("p", { className: "mdir-ask__address", hidden: "" });
    var preview = make("details", { className: "mdir-preview" });
    preview.appendChild(make("summary", {}, "Preview the message"));
    this.preview = preview.appendChild(make("pre", { className: "mdir-preview__text" }));
    this.box.insertBefore(preview, actions.nextSibling);
    this.box.insertBefore(this.webmail, preview);
    this.box.insertBefore(this.addressText, this.webmail);
  };

  // "Remember my name and course": off until ticked; unticking or Forget removes them from the browser.
  Composer.prototype.remember = function () {
    var store = storage();
    var wrap = this.form.querySelector(".mdir-remember");
    var tick = wrap.querySelector("#ask-remember");
    var forget = wrap.querySelector(".mdir-forget");
    var fields = this.fields;
    if (!store) {
      wrap.hidden = true;
      return;
    }
    var saved = null;
    try { saved = JSON.parse(store.getItem(STORE)); } catch (e) { saved = null; }
    if (saved && typeof saved === "object") {
      fields.student_name.value = String(saved.name || "");
      fields.student_course.value = String(saved.course || "");
      tick.checked = true;
    }
    var keep = function () {
      if (tick.checked) {
        store.setItem(STORE, JSON.stringify({ name: fields.student_name.value, course: fields.student_course.value }));
      } else {
        store.removeItem(STORE);
      }
      forget.hidden = !tick.checked;
    };
    keep();
    tick.addEventListener("change", keep);
    fields.student_name.addEventListener("input", keep);
    fields.student_course.addEventListener("input", keep);
    var announce = this.announce;
    forget.addEventListener("click", function () {
      fields.student_name.value = fields.student_course.value = "";
      tick.checked = false;
      keep();
      tick.focus(); // the button has gone: focus stays beside it
      announce.textContent = "Your name and course are no longer kept on this device.";
      this.update();
    }.bind(this));
  };

  // Every part's text; `cap` shortens what the student typed to that many characters.
  Composer.prototype.values = function (cap) {
    var placeholders = this.config.placeholders;
    var values = { mentor_name: this.name, programme: this.config.programme, scheme: this.config.scheme };
    values.topic = topicPhrase(this.fields.topic.value);
    values.ask = this.fields.ask.value || placeholders.ask;
    PARTS.forEach(function (name) {
      var typed = this.fields[name].value.trim();
      var empty = name === "why" ? this.fields.why.getAttribute("data-empty") : placeholders[name];
      values[name] = typed ? clip(typed, cap) : empty;
    }, this);
    return values;
  };

  Composer.prototype.message = function (cap) {
    var values = this.values(cap === undefined ? Infinity : cap);
    return { subject: fill(this.config.subject, values), body: fill(this.config.body, values) };
  };

  // The longest parts the student wrote are shortened, equally, until the whole link fits:
  // long links are cut off by some mail clients, and non-Latin text grows up to nine times when encoded.
  Composer.prototype.fit = function () {
    var message = this.message();
    var link = mailto(this.address, message.subject, message.body);
    if (link.length <= this.config.max) return { message: message, link: link, cut: [] };
    var lengths = this.parts.map(function (name) { return Array.from(this.fields[name].value.trim()).length; }, this);
    var low = 0, high = Math.max.apply(null, lengths);
    while (low < high) {
      var mid = Math.ceil((low + high) / 2);
      var trial = this.message(mid);
      if (mailto(this.address, trial.subject, trial.body).length <= this.config.max) low = mid; else high = mid - 1;
    }
    message = this.message(low);
    var cut = this.parts.filter(function (name, i) { return lengths[i] > low; }).map(function (name) {
      return { name: name, left: Array.from(this.fields[name].value.trim()).length - low };
    }, this);
    return { message: message, link: mailto(this.address, message.subject, message.body), cut: cut };
  };

  Composer.prototype.update = function () {
    var result = this.fit();
    var full = this.message();
    this.full = "Subject: " + full.subject + "\n\n" + full.body;
    this.send.href = result.link;
    this.preview.textContent = this.full;
    this.notice.textContent = result.cut.length
      ? "Your message is too long for an email link, so the link leaves out " + result.cut.map(function (part) {
        return "the last " + part.left + " characters of " + PART_NAMES[part.name];
      }).join(" and ") + ". Shorten it, or use Copy message and paste the whole message into your email."
      : "";
    var gmail = this.box.querySelector('[data-webmail="gmail"]');
    var outlook = this.box.querySelector('[data-webmail="outlook"]');
    gmail.href = "https://mail.google.com/mail/?view=cm&fs=1&to=" + encode(this.address) +
      "&su=" + encode(result.message.subject) + "&body=" + encode(result.message.body);
    outlook.href = "https://outlook.office.com/mail/deeplink/compose?to=" + encode(this.address) +
      "&subject=" + encode(result.message.subject) + "&body=" + encode(result.message.body);
    if (this.warning.firstChild) this.refreshWarning();
  };

  // What the guidance asks for and the message still lacks.
  Composer.prototype.problems = function () {
    var placeholders = this.config.placeholders;
    var blanks = [placeholders.student_name, placeholders.student_course, placeholders.question,
      placeholders.why, this.fields.why.getAttribute("data-empty")];
    var found = [];
    this.parts.forEach(function (name) {
      var typed = this.fields[name].value.trim();
      var blank = !typed || blanks.some(function (b) { return typed.indexOf(b) !== -1; });
      if (!blank) return;
      var field = this.fields[name];
      var text = name === "question" && !typed
        ? "Your question is empty: the mentor needs one clear question to answer."
        : name === "why" && !typed
          ? "You have not said why you chose " + this.name + "."
          : "The message still says \u201c" + (typed || placeholders[name]) + "\u201d in place of " +
            PART_NAMES[name] + ".";
      found.push({ field: field, text: text });
    }, this);
    return found;
  };

  // A shown warning follows the form, but is rewritten (and so announced again) only when its list changes.
  Composer.prototype.refreshWarning = function () {
    var problems = this.problems();
    if (this.warned !== problems.map(function (p) { return p.text; }).join("\n")) this.warn(problems);
    var anyway = this.warning.querySelector(".mdir-ask__anyway");
    if (anyway) anyway.href = this.send.href;
  };

  // A warning in the page, announced (role="alert"); the student may still send as it is.
  Composer.prototype.warn = function (problems) {
    var box = this.warning;
    while (box.firstChild) box.removeChild(box.firstChild);
    this.warned = problems.map(function (p) { return p.text; }).join("\n");
    if (!problems.length) return;
    box.appendChild(make("p", { className: "mdir-warning__title" }, "Before you send, the guidance suggests:"));
    var list = box.appendChild(make("ul", {}));
    problems.forEach(function (problem) {
      var link = make("a", { href: "#" + problem.field.id }, problem.text);
      link.addEventListener("click", function (event) {
        event.preventDefault();
        problem.field.focus();
      });
      list.appendChild(make("li", {})).appendChild(link);
    });
    var anyway = make("a", { className: "md-button mdir-ask__anyway", href: this.send.href }, "Send it as it is");
    box.appendChild(make("p", {})).appendChild(anyway);
  };

  Composer.prototype.check = function (event) {
    var problems = this.problems();
    if (!problems.length) return;
    event.preventDefault();
    this.warn([]); // emptied first, so the same warning is announced again
    this.warn(problems);
  };

  Composer.prototype.copy = function (button) {
    var what = button.getAttribute("data-copy");
    var text = what === "address" ? this.address : this.full;
    var announce = this.announce;
    var label = button.textContent;
    var done = function () {
      button.textContent = "Copied";
      announce.textContent = what === "address" ? "Address copied." : "Message copied.";
      setTimeout(function () { button.textContent = label; }, 2000);
    };
    var select = function () {
      // No clipboard for this page (an old browser, or permission refused): the text is selected to copy by hand.
      var shown = this.preview;
      if (what === "address") {
        shown = this.addressText;
        shown.textContent = this.address;
        shown.hidden = false;
      } else {
        shown.parentNode.open = true;
      }
      selectText(shown);
      announce.textContent = (what === "address" ? "The address" : "The message") +
        " is selected: copy it with Ctrl+C (\u2318C on a Mac), or your device's Copy.";
    }.bind(this);
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(text).then(done, select);
    else select();
  };

  function start() {
    if (!window.mentorDirectory) return;
    Array.prototype.forEach.call(document.querySelectorAll(".mdir-ask[data-mx]"), function (box) {
      new Composer(box);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
