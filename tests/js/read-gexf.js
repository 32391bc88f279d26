// Read a GEXF file with graphology-gexf, the reader of sigma.js and Gephi Lite, and print what it
// made of it as JSON: the counts, the attribute names of nodes and edges, and every node's and edge's
// attributes. tests/test_export_safety.py runs it: `node tests/js/read-gexf.js FILE`.
"use strict";

const fs = require("fs");
const Graph = require("graphology");
const gexf = require("graphology-gexf");

const graph = gexf.parse(Graph, fs.readFileSync(process.argv[2], "utf8"));
const names = (items) => [...new Set(items.flatMap((attributes) => Object.keys(attributes)))].sort();
const nodes = {};
graph.forEachNode((node, attributes) => {
  nodes[node] = attributes;
});
const edges = [];
graph.forEachEdge((edge, attributes, source, target) => {
  edges.push({ id: edge, source, target, attributes });
});
process.stdout.write(
  JSON.stringify({
    order: graph.order,
    size: graph.size,
    nodeAttributes: names(Object.values(nodes)),
    edgeAttributes: names(edges.map((edge) => edge.attributes)),
    nodes,
    edges,
  }) + "\n"
);
