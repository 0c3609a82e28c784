/* The portal's storage on the phone (IndexedDB): what waits for the connection, kept across
 * closed pages and restarts. One database, one object store per queue: "uploads" (photos,
 * static/js/upload.js) and "sales" (in-person sales at a fair, static/js/fair.js). Where a browser
 * refuses IndexedDB (some private windows) the queues still work, in memory for this page.
 */
(function () {
  "use strict";
  var opened = null;
  var memory = { uploads: {}, sales: {} };

  function open() {
    if (!opened) {
      opened = new Promise(function (resolve) {
        if (!window.indexedDB) { resolve(null); return; }
        var request = indexedDB.open("souk-portal", 2);
        request.onupgradeneeded = function () {
          var db = request.result;
          ["uploads", "sales"].forEach(function (name) {
            if (!db.objectStoreNames.contains(name)) { db.createObjectStore(name, { keyPath: "key" }); }
          });
        };
        request.onsuccess = function () { resolve(request.result); };
        request.onerror = function () { resolve(null); };
      });
    }
    return opened;
  }

  function run(name, mode, work) {
    return open().then(function (db) {
      if (!db) { return null; }
      return new Promise(function (resolve) {
        var tx = db.transaction(name, mode);
        var request = work(tx.objectStore(name));
        tx.oncomplete = function () { resolve(request ? request.result : null); };
        tx.onerror = function () { resolve(null); };
      });
    });
  }

  window.PortalStore = {
    put: function (name, record) {
      memory[name][record.key] = record;
      return run(name, "readwrite", function (store) { return store.put(record); });
    },
    remove: function (name, key) {
      delete memory[name][key];
      return run(name, "readwrite", function (store) { return store.delete(key); });
    },
    /* Every record waiting in a queue, oldest first. */
    all: function (name) {
      return run(name, "readonly", function (store) { return store.getAll(); }).then(function (records) {
        (records || []).forEach(function (r) { if (!memory[name][r.key]) { memory[name][r.key] = r; } });
        return Object.keys(memory[name]).map(function (k) { return memory[name][k]; })
          .sort(function (a, b) { return a.added - b.added; });
      });
    }
  };
})();
