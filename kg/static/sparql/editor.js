// Glue between our page and YASGUI: our endpoint, the graph's prefixes, the example queries,
// and the query in the URL (?query=... or #query=...) so a link can be shared.
(function () {
  "use strict";
  const config = JSON.parse(document.getElementById("sparql-config").textContent);
  const element = document.getElementById("yasgui");
  if (!window.Yasgui || !element) return;

  const prefixBlock = Object.entries(config.prefixes)
    .map(([p, iri]) => `PREFIX ${p}: <${iri}>`).join("\n");
  const fragment = new URLSearchParams(window.location.hash.slice(1));
  const fromFragment = fragment.get("query");
  // "run" links (/sparql?query=…#run, #query=…&run) open the query and run it.
  const runNow = fragment.has("run");
  const initial = config.query || fromFragment || "";

  const yasgui = new window.Yasgui(element, {
    requestConfig: { endpoint: config.endpoint, method: "POST" },
    copyEndpointOnNewTab: false,
    endpointCatalogueOptions: { getData: () => [] },
    persistenceId: null,  // the URL, not local storage, carries the query
    populateFromUrl: false,
    yasqe: {
      value: initial || `${prefixBlock}\n\nSELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 10\n`,
      showQueryButton: true,
      // The other completers call third-party services (prefix.cc, LOV); stay on our origin.
      autocompleters: ["variables"],
    },
    yasr: { prefixes: config.prefixes, defaultPlugin: "table",
            pluginOrder: ["table", "response", "chart"] },
  });

  function currentTab() { return yasgui.getTab(); }

  function shareQuery(query) {
    const url = new URL(window.location.href);
    url.search = "";
    url.hash = "query=" + encodeURIComponent(query);
    window.history.replaceState(null, "", url.toString());
  }

  function setQuery(query, run) {
    const tab = currentTab();
    tab.setQuery(query);
    shareQuery(query);
    if (run) tab.query();
  }

  const tab = currentTab();
  tab.getYasqe().on("change", (yasqe) => shareQuery(yasqe.getValue()));
  if (initial) {
    setQuery(initial, runNow);
  }

  const examples = Object.fromEntries(config.examples.map((e) => [e.name, e]));
  document.querySelectorAll("button.sparql-example").forEach((button) => {
    button.addEventListener("click", () => {
      const example = examples[button.dataset.name];
      if (example) setQuery(example.query, true);
    });
  });
  window.lckgYasgui = yasgui;
})();
