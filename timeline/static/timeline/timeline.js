// Opens an event's sources in the side panel instead of leaving the page.
// Without JavaScript each event is an ordinary link to its own page.
(function () {
  "use strict";
  var panel = document.getElementById("detail");
  if (!panel || !window.fetch) return;

  function select(link) {
    document.querySelectorAll("[data-event-id][aria-current]").forEach(function (el) {
      el.removeAttribute("aria-current");
    });
    link.setAttribute("aria-current", "true");
  }

  function open(link) {
    var url = new URL(link.href, window.location.href);
    url.searchParams.set("panel", "1");
    select(link);
    panel.setAttribute("aria-busy", "true");
    fetch(url, { headers: { Accept: "text/html" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status + " " + response.statusText);
        return response.text();
      })
      .then(function (html) {
        panel.innerHTML = html;
        var heading = panel.querySelector("h2");
        // Focus moves to the panel so keyboard and screen-reader users land on what they opened.
        if (heading) heading.focus();
        if (window.matchMedia("(max-width: 60rem)").matches) panel.scrollIntoView({ behavior: "smooth" });
      })
      .catch(function () {
        // The panel failed; the event's own page still works.
        window.location.href = link.href;
      })
      .finally(function () {
        panel.removeAttribute("aria-busy");
      });
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-event-id]");
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    open(link);
  });
})();
