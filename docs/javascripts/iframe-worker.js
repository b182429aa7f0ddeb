/* Search on a page opened from the file system (file://), with no network.
 *
 * The theme's search runs in a web worker, and browsers refuse `new Worker(url)` to a file:// page.
 * On such a page this replaces Worker with a stand-in that runs the worker's script in a hidden
 * frame of the same page and passes messages both ways as events. importScripts loads scripts into
 * that frame and returns a promise, which the theme's worker waits for. Served over HTTP, the page
 * keeps the browser's own Worker. Written for this project; it loads nothing from the network.
 */
(function () {
  "use strict";
  if (location.protocol !== "file:") {
    return;
  }

  function load(scope, url) {
    return new Promise(function (resolve, reject) {
      var script = scope.document.createElement("script");
      script.src = url;
      script.onload = function () { resolve(); };
      script.onerror = function () { reject(new Error("cannot load " + url)); };
      scope.document.head.appendChild(script);
    });
  }

  class FrameWorker extends EventTarget {
    constructor(url) {
      super();
      this.onmessage = null;
      this.onerror = null;
      var frame = document.createElement("iframe");
      frame.hidden = true;
      frame.tabIndex = -1;
      frame.setAttribute("aria-hidden", "true");
      (document.body || document.documentElement).appendChild(frame);
      var scope = frame.contentWindow;
      var worker = this;
      // what the worker posts reaches the page as a "message" event of this object
      scope.postMessage = function (data) {
        var event = new MessageEvent("message", { data: data });
        if (typeof worker.onmessage === "function") {
          worker.onmessage(event);
        }
        worker.dispatchEvent(event);
      };
      scope.importScripts = function () {
        var base = scope.document.querySelector("script[src]");
        var urls = Array.prototype.slice.call(arguments);
        return urls.reduce(function (done, name) {
          return done.then(function () { return load(scope, new URL(name, base ? base.src : url).href); });
        }, Promise.resolve());
      };
      this._frame = frame;
      this._scope = scope;
      this._ready = load(scope, new URL(url, location.href).href).catch(function (error) {
        var event = new ErrorEvent("error", { message: error.message, error: error });
        if (typeof worker.onerror === "function") {
          worker.onerror(event);
        }
        worker.dispatchEvent(event);
        throw error;
      });
    }

    postMessage(data) {
      var scope = this._scope;
      this._ready.then(function () {
        scope.dispatchEvent(new scope.MessageEvent("message", { data: data }));
      });
    }

    terminate() {
      this._frame.remove();
    }
  }

  window.Worker = FrameWorker;
})();
