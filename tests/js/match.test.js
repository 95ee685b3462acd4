// What a student types into Find a mentor, and whom the browser's matcher (match.js) finds: the
// relevance fixture's 40 mentors, without a browser. Run with `node --test tests/js/`.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const { data, fresh, slugs, NAME } = require("./matcher.js");

const matcher = fresh();
const find = (text) => slugs(matcher, text);
const set = (text) => (find(text) || []).slice().sort();

test("a whole word finds the mentors its beginning finds, whatever its ending does to the stem", () => {
  const policy = ["agnieszka-wrobel", "claire-dubois-mbaye", "genevieve-tremblay", "litia-naivalu", "mamadou-sarr",
    "nino-beridze", "olafur-thorsson", "ratna-wulandari", "soren-odegard", "tama-rangihau", "valentina-munoz"];
  for (const typed of ["policy", "Policy", "POLICY", "policies", "polic"]) assert.deepEqual(set(typed), policy, typed);
  const climate = ["lena-hoffmann", "litia-naivalu", "olafur-thorsson", "ratna-wulandari", "somchai-jaidee",
    "tran-minh-chau", "valentina-munoz", "wang-fang"];
  for (const typed of ["climate", "climat", "clim"]) assert.deepEqual(set(typed), climate, typed);
  assert.ok(set("researcher").includes("marcus-bell") && set("research").includes("marcus-bell"));
});

test("names typed without their accents or special letters find the mentor", () => {
  const cases = {
    "Jose Nunez": "jose-nunez", "José Núñez": "jose-nunez", Genevieve: "genevieve-tremblay",
    Soren: "soren-odegard", "Søren Ødegård": "soren-odegard", "Olafur Thorsson": "olafur-thorsson",
    "Dang Thu Ha": "dang-thu-ha", Lukasz: "lukasz-dabrowski", Koln: "francois-muller",
  };
  for (const [typed, slug] of Object.entries(cases)) assert.deepEqual(find(typed), [slug], typed);
});

test("apostrophes and hyphens are the same word with or without them", () => {
  for (const typed of ["O'Brien", "OBrien", "o’brien", "obrien"]) assert.deepEqual(find(typed), ["siobhan-obrien"], typed);
  const peace = ["camilo-restrepo", "nasser-al-harbi", "olena-kovalenko"];
  for (const typed of ["peacebuilding", "peace-building", "peace building"]) assert.deepEqual(set(typed), peace, typed);
});

test("names in other scripts are found in their own script and in Latin letters", () => {
  const cases = [["王芳", "wang-fang"], ["Wang Fang", "wang-fang"], ["Коваленко", "olena-kovalenko"],
    ["Kovalenko", "olena-kovalenko"], ["김민준", "kim-minjun"], ["Kim Min-jun", "kim-minjun"], ["ნინო", "nino-beridze"],
    ["נועה", "noa-levi"], ["Noa Levi", "noa-levi"]];
  for (const [typed, slug] of cases) assert.deepEqual(find(typed), [slug], typed);
});

test("a typo of five letters or more still finds the mentors; further off, \"Did you mean\" helps", () => {
  assert.deepEqual(find("Kovalenco"), ["olena-kovalenko"]);
  assert.deepEqual(find("Wanjiro"), ["wanjiru-kamau"]);
  assert.deepEqual(set("fundrasing"), set("fundraising"));
  assert.deepEqual(set("enviroment"), set("environment"));
  // Short words never match fuzzily: "poli" is a beginning, "polx" finds nobody.
  assert.deepEqual(find("polx"), []);
  // Too far for typo tolerance (two edits in six letters): nobody, and "Did you mean" offers the
  // index's nearest word, with how many mentors it finds.
  assert.deepEqual(find("enviroment polcyy"), []);
  const better = matcher.suggest("enviroment polcyy", data.records.length);
  assert.equal(better.text, "enviroment policy");
  assert.equal(better.count, find("enviroment policy").length);
  assert.ok(better.count > 0);
  assert.equal(matcher.suggest("zzyzx qqqq", data.records.length), null);
});

test("every word must match, and a name ranks before a mention in a bio", () => {
  const data = set("data"), kenya = set("Kenya");
  assert.deepEqual(set("data Kenya"), data.filter((slug) => kenya.includes(slug)));
  assert.equal(find("Sharma")[0], "priya-sharma");
  assert.deepEqual(find("zzyzx"), []);
  assert.equal(find(""), null);
  assert.equal(find("   "), null);
});

test("typing letter by letter gives, at every keystroke, what a fresh search of the same text gives", () => {
  // One matcher for the whole typing session, as on the page (it remembers what earlier keystrokes
  // worked out); each keystroke is checked against a matcher that has searched nothing before.
  const typed = ["climate policy", "enviroment", "peace building", "Kovalenco", "fundrasing evaluation",
    "王芳", "Jose Nunez", "data Kenya", "researcher", "o'brien"];
  const session = fresh();
  for (const text of typed) {
    const steps = [];
    for (let i = 1; i <= text.length; i++) steps.push(text.slice(0, i));
    for (let i = text.length - 1; i >= 1; i -= 3) steps.push(text.slice(0, i)); // backspacing
    for (const step of steps) assert.deepEqual(slugs(session, step), slugs(fresh(), step), JSON.stringify(step));
  }
});

test("any text at all is only words: it never throws and never hangs", () => {
  const hostile = ["*", "~1", "^", "title:x", "+a -b", '"quoted"', "c++", "😀🚀", "مرحبا بالعالم", "\u202eevil",
    "%zz&search=x#top", "a".repeat(10000), "word ".repeat(2000)];
  for (const text of hostile) {
    const started = Date.now();
    const found = find(text);
    assert.ok(found === null || Array.isArray(found), text.slice(0, 20));
    assert.ok(Date.now() - started < 2000, `too slow: ${text.slice(0, 20)}`);
  }
});

test("results name real mentors, each once", () => {
  const found = find("an");
  assert.ok(found.length > 5);
  assert.equal(new Set(found).size, found.length);
  for (const slug of found) assert.ok(data.records.some((r) => r[0] === slug && r[NAME]), slug);
});
