/* The actor network drawn with Cytoscape.js from the JSON block of the page (no inline script). */
(function () {
  "use strict";
  var PALETTE = ["#000091", "#c9191e", "#18753c", "#b34000", "#695240", "#6a6af4", "#009081", "#a558a0",
    "#0078f3", "#716043", "#ce614a", "#417dc4"];
  function start() {
    var box = document.getElementById("network-graph");
    var data = document.getElementById("network-elements");
    if (!box || !data || typeof window.cytoscape !== "function") return;
    var elements = JSON.parse(data.textContent);
    var colours = {};
    elements.nodes.forEach(function (node) {
      var key = node.data.organization || node.data.label;
      if (!(key in colours)) colours[key] = PALETTE[Object.keys(colours).length % PALETTE.length];
      node.data.colour = colours[key];
    });
    var maxDegree = Math.max(1, Math.max.apply(null, elements.nodes.map(function (n) { return n.data.degree; })));
    var maxWeight = Math.max(1, Math.max.apply(null, elements.edges.map(function (e) { return e.data.weight; })));
    var cy = window.cytoscape({
      container: box,
      elements: elements,
      style: [
        { selector: "node", style: {
          "background-color": "data(colour)", "label": "data(label)", "font-size": 9, "color": "#161616",
          "text-wrap": "ellipsis", "text-max-width": 120, "min-zoomed-font-size": 7, "text-valign": "bottom", "text-margin-y": 3,
          "width": "mapData(degree, 0, " + maxDegree + ", 12, 42)", "height": "mapData(degree, 0, " + maxDegree + ", 12, 42)" } },
        { selector: "edge", style: {
          "width": "mapData(weight, 1, " + maxWeight + ", 1, 8)", "line-color": "#929292", "opacity": 0.6, "curve-style": "haystack" } },
        { selector: ".faded", style: { "opacity": 0.12 } },
        { selector: "node:selected", style: { "border-width": 3, "border-color": "#161616" } }
      ],
      layout: { name: "cose", animate: false, randomize: false, nodeRepulsion: function () { return 9000; }, idealEdgeLength: function () { return 80; } }
    });
    var said = document.getElementById("network-selection");
    cy.on("tap", "node", function (event) {
      var node = event.target;
      var neighbours = node.closedNeighborhood();
      cy.elements().addClass("faded");
      neighbours.removeClass("faded");
      var names = node.neighborhood("node").map(function (n) { return n.data("label"); });
      if (said) said.textContent = node.data("label") + " : " + names.length + " lien(s)" + (names.length ? " — " + names.join(", ") : "") + ".";
    });
    cy.on("tap", function (event) {
      if (event.target === cy) {
        cy.elements().removeClass("faded");
        if (said) said.textContent = "";
      }
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
