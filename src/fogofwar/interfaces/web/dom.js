// DOM and API helpers. Untrusted text (articles, claims) only ever enters the page through
// createTextNode / textContent / attribute values: never innerHTML.
export const SVG_NS = "http://www.w3.org/2000/svg";
export const KINDS = ["casualties", "equipment_loss", "attack", "deployment", "supply", "territory", "displacement"];
export const KIND_COLORS = {
  casualties: "#d62728", equipment_loss: "#8c564b", attack: "#ff7f0e", deployment: "#1f77b4",
  supply: "#2ca02c", territory: "#9467bd", displacement: "#e377c2",
};
export const COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"];

function append(node, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    node.appendChild(typeof c === "object" ? c : document.createTextNode(String(c)));
  }
  return node;
}

export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  return append(node, children);
}

export function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) if (v !== null && v !== undefined) node.setAttribute(k, v);
  return append(node, children);
}

export function show(...nodes) {
  document.getElementById("app").replaceChildren(...nodes.filter(n => n !== null && n !== undefined));
}

export async function api(path) {
  const r = await fetch(path, { headers: { Accept: "application/json" } });
  if (!r.ok) throw new Error(`${r.status} ${(await r.json().catch(() => ({}))).detail || r.statusText}`);
  return r.json();
}

export function qs(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== "" && v !== null && v !== undefined) q.set(k, v);
  return q.toString();
}

export function paramsFromHash() { return Object.fromEntries(new URLSearchParams(location.hash.split("?")[1] || "")); }

export function hashPath() { return (location.hash.replace(/^#/, "") || "/").split("?")[0]; }

// "about 1,000", "at least 300", "10–15", "dozens"
export function figure(q) {
  if (!q) return "";
  if (q.vague) return q.vague;
  if (q.value === null || q.value === undefined) return "";
  const words = { approximately: "about ", at_least: "at least ", more_than: "over ", at_most: "up to ",
                  less_than: "under ", nearly: "nearly ", range: "" };
  if (q.hedge === "range" && q.high !== null && q.high !== undefined) return `${q.value}–${q.high}`;
  return `${words[q.hedge] || ""}${Number(q.value).toLocaleString("en")}`;
}

export function docLink(id, label) { return el("a", { href: `#/doc/${encodeURIComponent(id)}`, class: "doclink" }, label || id); }
export function propLink(id, label) { return el("a", { href: `#/prop/${encodeURIComponent(id)}`, class: "proplink" }, label || id); }

export function swatch(color, cls) {
  const i = el("i", { class: cls || "swatch" });
  i.style.background = color;
  return i;
}

export function legend(entries, id) {
  return el("div", { class: "legend", id }, entries.map(([name, color]) => el("span", {}, swatch(color), name)));
}
