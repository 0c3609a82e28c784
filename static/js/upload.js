/* Photo uploads in the beneficiary portal, on top of a form that works without this script.
 *
 * Each chosen file is sent on its own request so a phone on a weak network sees progress per
 * photo and can retry just the one that failed. XMLHttpRequest, not fetch(): fetch() gives no
 * upload progress events in browsers today. The server answers JSON because we ask for it.
 */
(function () {
  "use strict";

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
      login: d.login || "Your session has ended: please log in again."
    };
  }

  function row(list, file) {
    var li = document.createElement("li");
    li.className = "upload-item";
    var name = document.createElement("span");
    name.className = "upload-name";
    name.textContent = file.name || "photo";
    var bar = document.createElement("progress");
    bar.max = 100;
    bar.value = 0;
    var state = document.createElement("span");
    state.className = "upload-state";
    li.append(name, bar, state);
    list.append(li);
    return { li: li, bar: bar, state: state };
  }

  function setState(r, text, kind) {
    r.state.textContent = text;
    r.li.dataset.state = kind;
  }

  function errorText(xhr, t) {
    /* An ended session answers with the login page (after a redirect), not an error. */
    if (xhr.responseURL && xhr.responseURL.indexOf("/account/login") !== -1) { return t.login; }
    try {
      var body = JSON.parse(xhr.responseText);
      if (body && body.error && body.error.message) { return body.error.message; }
    } catch (e) { /* not JSON: a proxy's page, say */ }
    return t.failed + " (" + xhr.status + ")";
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

  function send(form, file, r, t) {
    return new Promise(function (resolve) {
      var data = new FormData();
      data.append("csrf_token", form.querySelector("[name=csrf_token]").value);
      data.append("photo", file, file.name);
      var xhr = new XMLHttpRequest();
      xhr.open("POST", form.action);
      xhr.setRequestHeader("Accept", "application/json");
      setState(r, t.uploading, "uploading");
      r.bar.removeAttribute("hidden");
      xhr.upload.addEventListener("progress", function (e) {
        if (e.lengthComputable) {
          r.bar.value = Math.round((e.loaded / e.total) * 100);
          setState(r, t.uploading + " " + r.bar.value + " %", "uploading");
        }
      });
      xhr.upload.addEventListener("load", function () {
        r.bar.value = 100;
        r.bar.removeAttribute("value"); /* indeterminate while the server works */
        setState(r, t.processing, "processing");
      });
      xhr.addEventListener("load", function () {
        r.bar.value = 100;
        if (xhr.status === 201) {
          var body = JSON.parse(xhr.responseText);
          var photo = body.photos && body.photos[0];
          if (photo && photo.state === "processing") { poll(photo.status_url, r, t, resolve); return; }
          setState(r, t.done, "done");
          resolve(true);
        } else {
          fail(form, file, r, t, errorText(xhr, t), resolve);
        }
      });
      xhr.addEventListener("error", function () { fail(form, file, r, t, t.network, resolve); });
      xhr.send(data);
    });
  }

  function fail(form, file, r, t, text, resolve) {
    setState(r, t.failed + ": " + text, "failed");
    r.bar.setAttribute("hidden", "");
    var again = document.createElement("button");
    again.type = "button";
    again.className = "button-small upload-retry";
    again.textContent = t.retry;
    again.addEventListener("click", function () {
      again.remove();
      send(form, file, r, t).then(function (ok) { if (ok) { refreshWhenAllDone(form); } });
    });
    r.li.append(again);
    resolve(false);
  }

  function refreshWhenAllDone(form) {
    var items = form.querySelectorAll(".upload-item");
    var pending = Array.prototype.some.call(items, function (li) { return li.dataset.state !== "done"; });
    /* Reload so the gallery, the photo count and the submit button all match the server. */
    if (!pending) { window.setTimeout(function () { window.location.reload(); }, 500); }
  }

  function enhance(form) {
    var input = form.querySelector("input[type=file]");
    var list = form.querySelector("[data-upload-progress]");
    var t = messages();
    if (!window.FormData || !window.XMLHttpRequest) { return; } /* the plain form still works */

    function start() {
      var files = Array.prototype.slice.call(input.files);
      input.value = ""; /* the same photo can be picked again after a failure */
      var chain = Promise.resolve();
      files.forEach(function (file) {
        var r = row(list, file);
        setState(r, t.uploading, "waiting");
        /* One at a time: a phone's uplink is the bottleneck, parallel uploads only slow each other. */
        chain = chain.then(function () { return send(form, file, r, t); });
      });
      chain.then(function () { refreshWhenAllDone(form); });
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
    var waiting = document.querySelectorAll("[data-processing]");
    if (waiting.length === 0) { return; }
    var t = messages();
    Array.prototype.forEach.call(waiting, function (el) {
      var r = { li: el, state: el, bar: document.createElement("progress") };
      new Promise(function (resolve) { poll(el.dataset.processing, r, t, resolve); })
        .then(function () { window.location.reload(); });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("form[data-upload]"), enhance);
    watchProcessing();
  });
})();
