/* Photo uploads in the beneficiary portal, on top of a form that works without this script.
 *
 * Workshops have a weak connection: every chosen photo is first kept on the phone
 * (static/js/portal-store.js) with a key of its own, then sent, one at a time. A photo chosen offline, or whose upload
 * the network cut, waits there with its state shown, and leaves when the connection returns, even
 * after the page was closed. The key travels as Idempotency-Key: a photo whose answer was lost is
 * never added twice, and the queue asks whether it arrived before paying for its bytes again.
 * XMLHttpRequest, not fetch(): fetch() gives no upload progress events in browsers today.
 */
(function () {
  "use strict";

  var RETRY_MS = 15000;
  var queue = { draining: false, timer: null, rows: {} };

  function messages() {
    var el = document.getElementById("upload-messages");
    var d = el ? el.dataset : {};
    return {
      uploading: d.uploading || "Uploading…",
      processing: d.processing || "Processing…",
      done: d.done || "Done",
      failed: d.failed || "Failed",
      retry: d.retry || "Try again",
      network: d.network || "The connection was lost.",
      offline: d.offline || "Waiting for the connection.",
      later: d.later || "It will be sent when the connection returns.",
      login: d.login || "Your session has ended: please log in again."
    };
  }

  /* -- the store: static/js/portal-store.js -- */

  function save(record) { return PortalStore.put("uploads", record); }
  function forget(key) { return PortalStore.remove("uploads", key); }
  function waiting() { return PortalStore.all("uploads"); }

  function newKey() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    return Date.now().toString(36) + "-" + Math.random().toString(36).slice(2, 14);
  }

  /* -- what the beneficiary sees: one row per photo -- */

  function list() {
    var here = document.querySelector("[data-upload-progress]");
    if (here) { return here; }
    var section = document.querySelector("[data-upload-queue]");
    if (!section) { return null; }
    section.hidden = false;
    return section.querySelector("ol");
  }

  function row(record) {
    if (queue.rows[record.key]) { return queue.rows[record.key]; }
    var li = document.createElement("li");
    li.className = "upload-item";
    li.dataset.key = record.key;
    var name = document.createElement("span");
    name.className = "upload-name";
    name.dir = "auto";
    name.textContent = record.name || "photo";
    var bar = document.createElement("progress");
    bar.max = 100;
    bar.value = 0;
    bar.hidden = true;
    var state = document.createElement("span");
    state.className = "upload-state";
    li.append(name, bar, state);
    var target = list();
    if (target) { target.append(li); }
    queue.rows[record.key] = { li: li, bar: bar, state: state };
    return queue.rows[record.key];
  }

  function setState(r, text, kind) {
    r.state.textContent = text;
    r.li.dataset.state = kind;
    var button = r.li.querySelector(".upload-retry");
    if (button && kind !== "waiting") { button.remove(); }
  }

  function waitAgain(r, t, text) {
    setState(r, text, "waiting");
    r.bar.hidden = true;
    if (!r.li.querySelector(".upload-retry")) {
      var again = document.createElement("button");
      again.type = "button";
      again.className = "button-small upload-retry";
      again.textContent = t.retry;
      again.addEventListener("click", function () { drain(); });
      r.li.append(again);
    }
  }

  function errorText(xhr, t) {
    try {
      var body = JSON.parse(xhr.responseText);
      if (body && body.error && body.error.message) { return body.error.message; }
    } catch (e) { /* not JSON: a proxy's page, say */ }
    return t.failed + " (" + xhr.status + ")";
  }

  /* -- sending -- */

  function csrfToken() {
    var input = document.querySelector("input[name=csrf_token]");
    return input ? input.value : "";
  }

  function receipt(record) {
    /* Sent before, answer lost: ask before sending the bytes again. */
    if (!record.sent) { return Promise.resolve(null); }
    return fetch(record.action + "/uploads/" + encodeURIComponent(record.key),
                 { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (res) { return res.status === 200 ? res.json() : null; });
  }

  function upload(record, r, t) {
    return new Promise(function (resolve) {
      var data = new FormData();
      data.append("csrf_token", csrfToken());
      data.append("photo", record.blob, record.name || "photo.jpg");
      var xhr = new XMLHttpRequest();
      xhr.open("POST", record.action);
      xhr.setRequestHeader("Accept", "application/json");
      xhr.setRequestHeader("Idempotency-Key", record.key);
      setState(r, t.uploading, "uploading");
      r.bar.hidden = false;
      r.bar.value = 0;
      xhr.upload.addEventListener("progress", function (e) {
        if (e.lengthComputable) {
          r.bar.value = Math.round((e.loaded / e.total) * 100);
          setState(r, t.uploading + " " + r.bar.value + " %", "uploading");
        }
      });
      xhr.upload.addEventListener("load", function () {
        record.sent = true;
        save(record);
        r.bar.removeAttribute("value"); /* indeterminate while the server works */
        setState(r, t.processing, "processing");
      });
      xhr.addEventListener("load", function () {
        if (xhr.status === 200 || xhr.status === 201) {
          var body = JSON.parse(xhr.responseText);
          resolve({ outcome: "done", photo: body.photos && body.photos[0] });
        } else if (xhr.responseURL && xhr.responseURL.indexOf("/account/login") !== -1) {
          resolve({ outcome: "wait", message: t.login }); /* an ended session: keep it for after login */
        } else if (xhr.status >= 500 || xhr.status === 429 || xhr.status === 400 || xhr.status === 0) {
          resolve({ outcome: "wait", message: errorText(xhr, t) + " " + t.later });
        } else {
          resolve({ outcome: "refused", message: errorText(xhr, t) });
        }
      });
      xhr.addEventListener("error", function () { resolve({ outcome: "wait", message: t.network + " " + t.later }); });
      xhr.send(data);
    });
  }

  function sendOne(record, t) {
    var r = row(record);
    return receipt(record)
      .then(function (found) { return found ? { outcome: "done", photo: found.photo } : upload(record, r, t); },
            function () { return { outcome: "wait", message: t.network + " " + t.later }; })
      .then(function (result) {
        if (result.outcome === "wait") { waitAgain(r, t, result.message); return false; }
        r.bar.hidden = true;
        return forget(record.key).then(function () {
          if (result.outcome === "refused") { setState(r, t.failed + ": " + result.message, "failed"); return true; }
          var photo = result.photo;
          if (photo && photo.state === "processing") {
            setState(r, t.processing, "processing");
            return new Promise(function (resolve) { poll(photo.status_url, r, t, resolve); }).then(function () {
              return true;
            });
          }
          setState(r, t.done, "done");
          return true;
        });
      });
  }

  function drain() {
    if (queue.draining) { return; }
    queue.draining = true;
    window.clearTimeout(queue.timer);
    var t = messages();
    waiting().then(function (records) {
      var chain = Promise.resolve(true);
      records.forEach(function (record) {
        /* One at a time: a phone's uplink is the bottleneck; and stop at the first that must wait. */
        chain = chain.then(function (goOn) {
          if (!goOn) { return false; }
          if (navigator.onLine === false) { waitAgain(row(record), t, t.offline); return false; }
          return sendOne(record, t);
        });
      });
      return chain;
    }).then(function (allSent) {
      queue.draining = false;
      if (allSent) { refreshWhenAllDone(); } else { queue.timer = window.setTimeout(drain, RETRY_MS); }
    });
  }

  function poll(url, r, t, resolve) {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (res) { return res.json(); })
      .then(function (body) {
        var state = body.photo && body.photo.state;
        if (state === "ready") { setState(r, t.done, "done"); resolve(true); }
        else if (state === "failed") { setState(r, t.failed, "failed"); resolve(false); }
        else { window.setTimeout(function () { poll(url, r, t, resolve); }, 1500); }
      })
      .catch(function () { window.setTimeout(function () { poll(url, r, t, resolve); }, 3000); });
  }

  function refreshWhenAllDone() {
    var form = document.querySelector("form[data-upload]");
    var items = document.querySelectorAll(".upload-item");
    var done = Array.prototype.filter.call(items, function (li) { return li.dataset.state === "done"; });
    var pending = Array.prototype.some.call(items, function (li) {
      return li.dataset.state !== "done" && li.dataset.state !== "failed";
    });
    /* Reload the photos page so the gallery, the count and the submit button all match the server. */
    if (form && done.length && !pending) { window.setTimeout(function () { window.location.reload(); }, 500); }
  }

  /* -- the page -- */

  function enhance(form) {
    var input = form.querySelector("input[type=file]");
    if (!window.FormData || !window.XMLHttpRequest) { return; } /* the plain form still works */

    function start() {
      var files = Array.prototype.slice.call(input.files);
      input.value = ""; /* the same photo can be picked again after a failure */
      var kept = files.map(function (file, i) {
        var record = { key: newKey(), action: form.action, name: file.name, blob: file, sent: false,
                       added: Date.now() + i };
        setState(row(record), messages().uploading, "waiting");
        return save(record); /* stored before the first byte leaves: a dropped connection loses nothing */
      });
      Promise.all(kept).then(drain);
    }

    /* Picking photos starts the upload: one tap fewer on a phone. The button stays for no-JS. */
    form.classList.add("upload-live");
    input.addEventListener("change", function () { if (input.files && input.files.length) { start(); } });
    form.addEventListener("submit", function (event) {
      if (!input.files || input.files.length === 0) { return; } /* let the server answer */
      event.preventDefault();
      start();
    });
  }

  function watchProcessing() {
    /* Only the gallery's placeholders: other elements carry data-* texts of the same name. */
    var waitingPhotos = document.querySelectorAll(".photo-state[data-processing]");
    if (waitingPhotos.length === 0) { return; }
    var t = messages();
    Array.prototype.forEach.call(waitingPhotos, function (el) {
      var r = { li: el, state: el, bar: document.createElement("progress") };
      new Promise(function (resolve) { poll(el.dataset.processing, r, t, resolve); })
        .then(function () { window.location.reload(); });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("form[data-upload]"), enhance);
    watchProcessing();
    waiting().then(function (records) {
      var t = messages();
      var text = navigator.onLine === false ? t.offline : t.uploading;
      records.forEach(function (record) { setState(row(record), text, "waiting"); });
      if (records.length) { drain(); }
    });
    window.addEventListener("online", drain);
    window.addEventListener("offline", function () {
      var t = messages();
      Array.prototype.forEach.call(document.querySelectorAll(".upload-item[data-state=waiting]"), function (li) {
        var r = queue.rows[li.dataset.key];
        if (r) { waitAgain(r, t, t.offline); }
      });
    });
    if ("serviceWorker" in navigator) {
      var sw = document.querySelector("link[rel=manifest]");
      if (sw && sw.dataset.serviceWorker) {
        navigator.serviceWorker.register(sw.dataset.serviceWorker, { scope: sw.dataset.scope })
          .catch(function () { /* the portal works without it, only not offline */ });
      }
    }
  });
})();
