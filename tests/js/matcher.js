// The browser's matcher (match.js, with the vendored lunr) loaded into Node, over the search data
// of the relevance fixture's mentors: made by search_data.py, or read from the file named by
// MENTOR_DIRECTORY_SEARCH_DATA (the pytest run, tests/test_js.py, writes it once for all files).
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");
const { execFileSync } = require("node:child_process");

const ROOT = path.resolve(__dirname, "..", "..");
const ASSETS = path.join(ROOT, "generator", "site", "assets");

function dataScript() {
  const file = process.env.MENTOR_DIRECTORY_SEARCH_DATA;
  if (file) return fs.readFileSync(file, "utf8");
  const python = process.env.PYTHON || "python3";
  return execFileSync(python, [path.join(__dirname, "search_data.py")], { cwd: ROOT, encoding: "utf8" });
}

// A page's worth of globals: lunr, then match.js, then the data, as the directory page loads them.
function load() {
  const page = vm.createContext({});
  page.window = page;
  const vendor = fs.readdirSync(path.join(ASSETS, "vendor")).find((name) => /^lunr-.*\.min\.js$/.test(name));
  vm.runInContext(fs.readFileSync(path.join(ASSETS, "vendor", vendor), "utf8"), page);
  vm.runInContext(fs.readFileSync(path.join(ASSETS, "match.js"), "utf8"), page);
  vm.runInContext(dataScript(), page);
  return page;
}

const page = load();
const data = page.mentorDirectoryData;
const SLUG = data.record.indexOf("slug");
const NAME = data.record.indexOf("name");

// A fresh matcher, as a page that has just loaded has: nothing remembered from earlier searches.
function fresh() {
  return page.mentorDirectoryMatcher(data.search);
}

// The slugs of the mentors a query finds, best first (null: the query has no words).
function slugs(matcher, text) {
  const found = matcher.find(text, data.records.length);
  return found && Array.from(found, (i) => data.records[i][SLUG]);
}

module.exports = { data, fresh, slugs, SLUG, NAME };
