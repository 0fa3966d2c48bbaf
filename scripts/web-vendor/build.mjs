// Copies the web app's third-party assets (with their licences) into the package and turns the
// world-atlas TopoJSON into GeoJSON once, so the app needs neither npm nor a network at run time.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { feature } from "topojson-client";

const here = dirname(fileURLToPath(import.meta.url));
const modules = join(here, "node_modules");
const out = join(here, "..", "..", "src", "actorgraph", "web", "static", "vendor");
mkdirSync(out, { recursive: true });

const copies = [
  ["sigma/dist/sigma.min.js", "sigma.min.js"],
  ["sigma/LICENSE.txt", "sigma.LICENSE.txt"],
  ["graphology/dist/graphology.umd.min.js", "graphology.umd.min.js"],
  ["graphology/LICENSE.txt", "graphology.LICENSE.txt"],
  ["leaflet/dist/leaflet.js", "leaflet.js"],
  ["leaflet/dist/leaflet.css", "leaflet.css"],
  ["leaflet/LICENSE", "leaflet.LICENSE.txt"],
  ["world-atlas/LICENSE", "world-atlas.LICENSE.txt"],
  ["topojson-client/LICENSE", "topojson-client.LICENSE.txt"],
  // The API's /docs page, which FastAPI would otherwise load from a CDN.
  ["swagger-ui-dist/swagger-ui-bundle.js", "swagger-ui-bundle.js"],
  ["swagger-ui-dist/swagger-ui-bundle.js.LICENSE.txt", "swagger-ui-bundle.js.LICENSE.txt"],
  ["swagger-ui-dist/swagger-ui.css", "swagger-ui.css"],
  ["swagger-ui-dist/LICENSE", "swagger-ui.LICENSE.txt"],
];
for (const [from, to] of copies) copyFileSync(join(modules, from), join(out, to));

// Natural Earth 1:110m country outlines (public domain), rounded to 0.01 degree: the map is a
// backdrop for placing events, not a survey, and the rounding halves the file.
const topo = JSON.parse(readFileSync(join(modules, "world-atlas/countries-110m.json"), "utf8"));
const geo = feature(topo, topo.objects.countries);
const round = (c) => (typeof c[0] === "number" ? c.map((v) => Math.round(v * 100) / 100) : c.map(round));
// The outlines are cut for a spherical projection: a ring that crosses the antimeridian jumps
// from +180 to -180, which a flat map draws as a stripe across the world. Unwrap such rings so
// that their longitudes run on past 180 instead.
const unwrap = (ring) => {
  let shift = 0;
  return ring.map(([lon, lat], i) => {
    if (i > 0) {
      const prev = ring[i - 1][0];
      if (lon - prev > 180) shift -= 360;
      else if (prev - lon > 180) shift += 360;
    }
    return [lon + shift, lat];
  });
};
const rings = (g) =>
  g.type === "Polygon"
    ? { ...g, coordinates: g.coordinates.map(unwrap) }
    : { ...g, coordinates: g.coordinates.map((poly) => poly.map(unwrap)) };
for (const f of geo.features) {
  f.geometry = rings(f.geometry);
  f.geometry.coordinates = round(f.geometry.coordinates);
  f.properties = { name: f.properties.name };
}
writeFileSync(join(out, "countries-110m.geojson"), JSON.stringify(geo));
const versions = {};
for (const name of ["sigma", "graphology", "leaflet", "world-atlas", "topojson-client", "swagger-ui-dist"]) {
  versions[name] = JSON.parse(readFileSync(join(modules, name, "package.json"), "utf8")).version;
}
writeFileSync(join(out, "VERSIONS.json"), JSON.stringify(versions, null, 2) + "\n");
