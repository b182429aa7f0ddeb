// The reading page: choose a term in the panel to highlight its places, step through them with
// Previous / Next, or open the page at a term with #t=<layer>:<term>. No network, no library.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("marks").textContent);
  var status = document.getElementById("status");
  document.querySelector(".nav").hidden = false;  // without JavaScript these buttons could do nothing
  var chosen = null, places = [], at = -1;

  function segments(id) { return document.querySelectorAll('[data-m~="' + id + '"]'); }

  function clear() {
    document.querySelectorAll(".hit, .current").forEach(function (el) { el.classList.remove("hit", "current"); });
    document.querySelectorAll('button.term[aria-pressed="true"]').forEach(function (b) { b.setAttribute("aria-pressed", "false"); });
    chosen = null; places = []; at = -1;
    status.textContent = "选择一个词语 Choose a term";
  }

  function show(index) {
    if (!places.length) { return; }
    at = (index + places.length) % places.length;
    document.querySelectorAll(".current").forEach(function (el) { el.classList.remove("current"); });
    var parts = segments(places[at]);
    if (!parts.length) { return; }
    parts.forEach(function (el) { el.classList.add("current"); });
    var first = parts[0];
    first.setAttribute("tabindex", "-1");
    first.focus({ preventScroll: true });
    first.scrollIntoView({ block: "center" });
    status.textContent = (at + 1) + " / " + places.length + " · " + data[chosen].labels[at];
  }

  function choose(key) {
    if (!Object.prototype.hasOwnProperty.call(data, key)) { return false; }  // #t=__proto__ is no term
    clear();
    chosen = key; places = data[key].ids;
    places.forEach(function (id) { segments(id).forEach(function (el) { el.classList.add("hit"); }); });
    document.querySelectorAll("button.term").forEach(function (b) {
      if (b.dataset.key === key) {
        b.setAttribute("aria-pressed", "true");
        var list = b.closest("details");
        if (list) { list.open = true; }
        b.scrollIntoView({ block: "nearest" });
      }
    });
    show(0);
    return true;
  }

  document.querySelectorAll("button.term").forEach(function (b) {
    b.addEventListener("click", function () {
      if (chosen === b.dataset.key) { clear(); } else { choose(b.dataset.key); }
    });
  });
  document.getElementById("next").addEventListener("click", function () { show(at + 1); });
  document.getElementById("prev").addEventListener("click", function () { show(at - 1); });
  document.getElementById("clear").addEventListener("click", clear);
  document.addEventListener("keydown", function (e) {
    if (e.target.tagName === "INPUT" || e.ctrlKey || e.metaKey || e.altKey || !places.length) { return; }
    if (e.key === "n" || e.key === "j") { show(at + 1); }
    if (e.key === "p" || e.key === "k") { show(at - 1); }
  });

  function fromHash() {
    var hash = "";
    try { hash = decodeURIComponent(location.hash || ""); } catch (err) { return; }  // a malformed address
    if (hash.indexOf("#t=") === 0) { choose(hash.slice(3)); }
  }
  window.addEventListener("hashchange", fromHash);
  fromHash();
})();
