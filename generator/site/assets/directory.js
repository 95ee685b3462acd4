/* The "Ask for a conversation" composer: progressive enhancement over a plain mailto: link.
   Without JavaScript the link already works, with placeholders in the message. */
(function () {
  "use strict";

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

  function make(tag, attributes) {
    var element = document.createElement(tag);
    Object.keys(attributes).forEach(function (name) {
      if (name === "className") element.className = attributes[name];
      else element.setAttribute(name, attributes[name]);
    });
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

  function copy(text, done) {
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () { fallbackCopy(text, done); });
    } else {
      fallbackCopy(text, done);
    }
  }

  function fallbackCopy(text, done) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    try { document.execCommand("copy"); } catch (e) { /* the message stays visible to copy by hand */ }
    document.body.removeChild(area);
    done();
  }

  // name, id, label, element, autocomplete, placeholder
  var FIELDS = [
    ["topic", "ask-topic", "Topic", "select"],
    ["student_name", "ask-name", "Your name", "input", "name"],
    ["student_course", "ask-course", "Your course and year", "input", "", "for example MA Development Studies, second year"],
    ["question", "ask-question", "Your question", "textarea"]
  ];

  // The form is built here: without JavaScript it could do nothing, and the plain link works.
  function buildForm(topics) {
    var form = document.createElement("form");
    form.className = "mdir-composer";
    FIELDS.forEach(function (spec) {
      var wrap = document.createElement("div");
      wrap.className = "mdir-field" + (spec[3] === "textarea" ? " mdir-field--wide" : "");
      var label = document.createElement("label");
      label.htmlFor = spec[1];
      label.textContent = spec[2];
      var field = document.createElement(spec[3]);
      field.id = spec[1];
      field.name = spec[0];
      if (spec[3] === "select") {
        topics.forEach(function (topic) {
          var option = document.createElement("option");
          option.value = option.textContent = topic;
          field.appendChild(option);
        });
      }
      if (spec[3] === "textarea") {
        field.rows = 4;
        field.setAttribute("aria-describedby", "ask-notice");
      }
      if (spec[4]) field.autocomplete = spec[4];
      if (spec[5]) field.placeholder = spec[5];
      wrap.appendChild(label);
      wrap.appendChild(field);
      form.appendChild(wrap);
    });
    var notice = document.createElement("p");
    notice.id = "ask-notice";
    notice.className = "mdir-notice";
    notice.setAttribute("role", "status");
    notice.setAttribute("aria-live", "polite");
    form.appendChild(notice);
    return form;
  }

  function Composer(box) {
    this.box = box;
    this.address = decodeAddress(box.getAttribute("data-mx"));
    this.config = window.mentorDirectory.email;
    this.name = box.getAttribute("data-name");
    // The mentor's topics, in their order, as the profile lists them under "Can talk about".
    var topics = document.querySelectorAll(".mdir-profile [data-topics] a");
    this.form = buildForm(Array.prototype.map.call(topics, function (a) { return a.textContent; }));
    this.send = box.querySelector(".mdir-ask__send");
    var actions = this.send.parentNode;
    box.insertBefore(this.form, actions);
    this.notice = this.form.querySelector(".mdir-notice");
    this.fields = {};
    FIELDS.forEach(function (spec) { this.fields[spec[0]] = this.form.elements[spec[0]]; }, this);
    // What only works with the script is made by it: copy buttons, webmail links, the preview.
    ["message", "address"].forEach(function (what) {
      var button = make("button", { type: "button", className: "md-button", "data-copy": what });
      button.textContent = what === "message" ? "Copy message" : "Copy address";
      actions.appendChild(button);
    });
    this.webmail = make("p", { className: "mdir-ask__webmail" });
    this.webmail.appendChild(document.createTextNode("No mail app? "));
    [["gmail", "Open in Gmail"], ["outlook", "Open in Outlook on the web"]].forEach(function (service, i) {
      var link = make("a", { "data-webmail": service[0], target: "_blank", rel: "noopener noreferrer", href: "#" });
      link.textContent = service[1];
      if (i) this.webmail.appendChild(document.createTextNode(" · "));
      this.webmail.appendChild(link);
    }, this);
    var preview = make("details", { className: "mdir-preview" });
    preview.appendChild(make("summary", {})).textContent = "Preview the message";
    this.preview = preview.appendChild(make("pre", { className: "mdir-preview__text" }));
    box.insertBefore(preview, actions.nextSibling);
    box.insertBefore(this.webmail, preview);
    // Screen readers are told when something is copied: a changed button label is not announced.
    this.announce = document.createElement("span");
    this.announce.className = "mdir-sr-only";
    this.announce.setAttribute("role", "status");
    actions.appendChild(this.announce);
    Array.prototype.forEach.call(box.querySelectorAll("[data-copy]"), function (button) {
      button.addEventListener("click", this.copy.bind(this, button));
    }, this);
    this.form.addEventListener("input", this.update.bind(this));
    this.form.addEventListener("submit", function (event) { event.preventDefault(); });
    this.update();
  }

  Composer.prototype.values = function (question) {
    var placeholders = this.config.placeholders;
    var values = { mentor_name: this.name, programme: this.config.programme, scheme: this.config.scheme };
    values.topic = topicPhrase(this.fields.topic.value);
    ["student_name", "student_course"].forEach(function (name) {
      values[name] = this.fields[name].value.trim() || placeholders[name];
    }, this);
    values.question = question.trim() || placeholders.question;
    return values;
  };

  Composer.prototype.message = function (question) {
    var values = this.values(question);
    return { subject: fill(this.config.subject, values), body: fill(this.config.body, values) };
  };

  // Shorten the student's question until the whole link fits: long links are cut off by
  // some mail clients, and non-Latin text grows up to nine times when encoded.
  Composer.prototype.fit = function () {
    var question = this.fields.question.value;
    var message = this.message(question);
    var link = mailto(this.address, message.subject, message.body);
    if (link.length <= this.config.max) return { message: message, link: link, cut: 0 };
    // Cut by characters, not UTF-16 units: half an emoji cannot be encoded into a link.
    var chars = Array.from(question);
    var low = 0, high = chars.length;
    while (low < high) {
      var mid = Math.ceil((low + high) / 2);
      var trial = this.message(chars.slice(0, mid).join(""));
      if (mailto(this.address, trial.subject, trial.body).length <= this.config.max) low = mid; else high = mid - 1;
    }
    message = this.message(chars.slice(0, low).join(""));
    return { message: message, link: mailto(this.address, message.subject, message.body), cut: chars.length - low };
  };

  Composer.prototype.update = function () {
    var result = this.fit();
    this.current = result.message;
    this.send.href = result.link;
    this.preview.textContent = "Subject: " + result.message.subject + "\n\n" + result.message.body;
    this.notice.textContent = result.cut
      ? "Your question is too long for an email link, so the last " + result.cut +
        " characters are left out. Shorten it, or use Copy message and paste it into your email."
      : "";
    var gmail = this.box.querySelector('[data-webmail="gmail"]');
    var outlook = this.box.querySelector('[data-webmail="outlook"]');
    gmail.href = "https://mail.google.com/mail/?view=cm&fs=1&to=" + encode(this.address) +
      "&su=" + encode(result.message.subject) + "&body=" + encode(result.message.body);
    outlook.href = "https://outlook.office.com/mail/deeplink/compose?to=" + encode(this.address) +
      "&subject=" + encode(result.message.subject) + "&body=" + encode(result.message.body);
  };

  Composer.prototype.copy = function (button) {
    var full = this.message(this.fields.question.value);
    var text = button.getAttribute("data-copy") === "address"
      ? this.address
      : "Subject: " + full.subject + "\n\n" + full.body;
    var label = button.textContent;
    var announce = this.announce;
    copy(text, function () {
      button.textContent = "Copied";
      announce.textContent = button.getAttribute("data-copy") === "address" ? "Address copied." : "Message copied.";
      setTimeout(function () { button.textContent = label; }, 2000);
    });
  };

  function topicPhrase(label) {
    // How the label reads mid-sentence, as the site's Python wrote it on the topic's link.
    var links = document.querySelectorAll(".mdir-profile [data-topics] a");
    for (var i = 0; i < links.length; i++) {
      if (links[i].textContent === label) return links[i].getAttribute("data-phrase") || label;
    }
    return label;
  }

  function start() {
    if (!window.mentorDirectory) return;
    Array.prototype.forEach.call(document.querySelectorAll(".mdir-ask[data-mx]"), function (box) {
      new Composer(box);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
