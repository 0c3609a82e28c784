/* Fair mode's till, on top of forms that work without this script.
 *
 * A sale is written to the phone first (static/js/portal-store.js, queue "sales") with a key of
 * its own, then sent; without a connection it waits, shown in the list, and leaves when the
 * connection returns. The key travels as Idempotency-Key: sent twice, recorded once. A sale the
 * shop refuses (the item went online meanwhile) leaves the queue with the shop's reason shown.
 */
(function () {
  "use strict";
  var RETRY_MS = 15000;
  var draining = false;
  var timer = null;

  function texts() {
    var d = (document.getElementById("sale-messages") || {}).dataset || {};
    return { waiting: d.waiting || "Waiting for the connection.", sending: d.sending || "Sending…",
             done: d.done || "Recorded", failed: d.failed || "Not recorded" };
  }

  function newKey() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    return Date.now().toString(36) + "-" + Math.random().toString(36).slice(2, 14);
  }

  function row(record) {
    var li = document.querySelector('[data-sale-queue] [data-key="' + record.key + '"]');
    if (li) { return li; }
    li = document.createElement("li");
    li.className = "upload-item";
    li.dataset.key = record.key;
    var name = document.createElement("span");
    name.className = "upload-name";
    name.dir = "auto";
    name.textContent = record.label;
    var state = document.createElement("span");
    state.className = "upload-state";
    li.append(name, state);
    document.querySelector("[data-sale-queue]").append(li);
    return li;
  }

  function show(record, kind, text) {
    var li = row(record);
    li.dataset.state = kind;
    li.querySelector(".upload-state").textContent = text;
  }

  /* The shop's answer says what is left of the product (the web may have sold some too): the card
   * shows it, and its buttons stay off once nothing is left, as after a reload. */
  function showLeft(sale) {
    var card = document.getElementById("fair-product-" + sale.product_id);
    if (!card || typeof sale.left !== "number") { return; }
    var meta = card.querySelector("[data-left]");
    if (meta && sale.left_text) { meta.textContent = sale.left_text; }
    Array.prototype.forEach.call(card.querySelectorAll(".fair-pay button"), function (button) {
      button.disabled = sale.left < 1;
    });
  }

  function send(record) {
    var t = texts();
    var body = new URLSearchParams(record.fields);
    body.set("csrf_token", (document.querySelector("input[name=csrf_token]") || {}).value || "");
    show(record, "uploading", t.sending);
    return fetch(record.action, {
      method: "POST", body: body, credentials: "same-origin",
      headers: { Accept: "application/json", "Idempotency-Key": record.key }
    }).then(function (res) {
      if (res.status === 201) {
        return res.json().catch(function () { return {}; }).then(function (answer) {
          if (answer.sale) { showLeft(answer.sale); }
          return PortalStore.remove("sales", record.key);
        }).then(function () { show(record, "done", t.done); return true; });
      }
      if (res.status >= 500 || res.status === 429 || res.redirected) { show(record, "waiting", t.waiting); return false; }
      return res.json().catch(function () { return {}; }).then(function (answer) {
        var reason = answer.error && answer.error.message ? answer.error.message : String(res.status);
        return PortalStore.remove("sales", record.key).then(function () {
          show(record, "failed", t.failed + ": " + reason);
          return true;
        });
      });
    }, function () { show(record, "waiting", t.waiting); return false; });
  }

  function drain() {
    if (draining) { return; }
    draining = true;
    window.clearTimeout(timer);
    PortalStore.all("sales").then(function (records) {
      var chain = Promise.resolve(true);
      records.forEach(function (record) {
        chain = chain.then(function (goOn) {
          if (!goOn || navigator.onLine === false) { show(record, "waiting", texts().waiting); return false; }
          return send(record);
        });
      });
      return chain;
    }).then(function (allSent) {
      draining = false;
      if (!allSent) { timer = window.setTimeout(drain, RETRY_MS); }
    });
  }

  function enhance(form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var fields = {};
      new FormData(form).forEach(function (value, name) { if (name !== "csrf_token") { fields[name] = value; } });
      var pressed = event.submitter;
      if (pressed && pressed.name) { fields[pressed.name] = pressed.value; }
      fields.sale_key = newKey(); /* one per sale: a page kept offline would otherwise repeat its own */
      var title = form.querySelector(".card-title");
      var record = { key: fields.sale_key, action: form.action, fields: fields, added: Date.now(),
                     label: (title ? title.textContent : "") + " × " + (fields.quantity || "1") };
      show(record, "waiting", texts().sending);
      PortalStore.put("sales", record).then(drain);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (!document.querySelector("[data-sale-queue]") || !window.fetch) { return; }
    Array.prototype.forEach.call(document.querySelectorAll("form[data-fair-sale]"), enhance);
    PortalStore.all("sales").then(function (records) {
      records.forEach(function (record) { show(record, "waiting", texts().waiting); });
      if (records.length) { drain(); }
    });
    window.addEventListener("online", drain);
  });
})();
