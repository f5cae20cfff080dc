// Suggestions under the site search box. Progressive: without JavaScript the form still submits
// to /search. Results come from /suggest?q= as JSON [{label, href, type, other_label}].
(function () {
  "use strict";
  var input = document.getElementById("site-q");
  var list = document.getElementById("site-suggest");
  if (!input || !list || !window.fetch) { return; }
  var timer = null, last = "", active = -1;

  function clear() { list.hidden = true; list.textContent = ""; active = -1; }

  function show(items) {
    list.textContent = "";
    items.forEach(function (item) {
      var li = document.createElement("li");
      li.setAttribute("role", "option");
      var a = document.createElement("a");
      a.href = item.href;
      a.textContent = item.label;  // textContent: labels are data, never markup
      if (item.type) {
        var small = document.createElement("small");
        small.textContent = item.type;
        a.appendChild(small);
      }
      li.appendChild(a);
      list.appendChild(li);
    });
    list.hidden = items.length === 0;
    active = -1;
  }

  function query() {
    var q = input.value.trim();
    if (q === last) { return; }
    last = q;
    if (!q) { clear(); return; }
    fetch("/suggest?q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : []; })
      .then(function (items) { if (input.value.trim() === q) { show(items); } })
      .catch(clear);
  }

  function move(step) {
    var items = list.querySelectorAll("li");
    if (!items.length) { return; }
    if (active >= 0) { items[active].removeAttribute("aria-selected"); }
    active = (active + step + items.length) % items.length;
    items[active].setAttribute("aria-selected", "true");
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(query, 120);
  });
  input.addEventListener("keydown", function (e) {
    if (e.key === "ArrowDown") { move(1); e.preventDefault(); }
    else if (e.key === "ArrowUp") { move(-1); e.preventDefault(); }
    else if (e.key === "Escape") { clear(); }
    else if (e.key === "Enter" && active >= 0) {
      var link = list.querySelectorAll("li a")[active];
      if (link) { window.location.href = link.href; e.preventDefault(); }
    }
  });
  document.addEventListener("click", function (e) {
    if (!list.contains(e.target) && e.target !== input) { clear(); }
  });
})();
