/* The search's matching contract, browser side (README, "How search matches"): what a
   student types becomes words exactly as the build made the index's words (search_terms.py),
   and a query finds and ranks mentors from the prebuilt word index. Shared by the directory
   page and the header search; a test runs the same words through both sides. */
(function (root) {
  "use strict";

  function matcher(search) {
    var contract = search.contract;
    var TIERS = search.tiers.length;
    var NONE = 255;
    var letters = contract.letters;
    var LETTER = new RegExp("[" + Object.keys(letters).join("") + "]", "g");
    var J = contract.joiners.replace(/[\]\\\-^]/g, "\\$&");
    var WORD = new RegExp("[\\p{L}\\p{N}]+(?:[" + J + "&][\\p{L}\\p{N}]+)*", "gu");
    var JOINER = new RegExp("[" + J + "]", "g");
    var MARKS = /\p{M}/gu;
    var CJK = new RegExp(contract.cjk);
    var STEMMABLE = /^[a-z]+$/;
    var stop = {};
    contract.stopWords.forEach(function (w) { stop[w] = true; });
    var words = search.words, stems = search.stems, wordStem = search.wordStem;
    var decoded = {};
    var stemmed = {};

    function fold(text) {
      return text.toLowerCase().normalize("NFKD").replace(MARKS, "").replace(LETTER, function (c) { return letters[c]; });
    }

    // The words of a query, as search_terms.words makes them.
    function queryWords(text) {
      var found = fold(text).match(WORD) || [];
      return found.map(function (w) { return w.replace(JOINER, ""); })
        .filter(function (w) { return w.length > 1 || CJK.test(w); });
    }

    function stem(word) {
      if (!STEMMABLE.test(word)) return word;
      if (!(word in stemmed)) stemmed[word] = lunr.stemmer(new lunr.Token(word)).toString();
      return stemmed[word];
    }

    function edits(word) {
      for (var k = 0; k < contract.fuzzy.length; k++) if (word.length >= contract.fuzzy[k][0]) return contract.fuzzy[k][1];
      return 0;
    }

    // First position in a sorted list whose entry is >= text.
    function lowerBound(list, text) {
      var lo = 0, hi = list.length;
      while (lo < hi) { var mid = (lo + hi) >> 1; if (list[mid] < text) lo = mid + 1; else hi = mid; }
      return lo;
    }

    // Edit distance (a swap of neighbours counts as one), or limit + 1 once it must exceed limit.
    // Three rows reused from call to call: this runs over many words on a keystroke.
    var rows = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];
    function distance(a, b, limit) {
      if (Math.abs(a.length - b.length) > limit) return limit + 1;
      if (b.length >= rows[0].length) rows = [0, 1, 2].map(function () { return new Int32Array(b.length * 2); });
      var before = rows[0], prev = rows[1], cur = rows[2], spare;
      for (var j = 0; j <= b.length; j++) prev[j] = j;
      for (var i = 1; i <= a.length; i++) {
        cur[0] = i;
        var best = i;
        for (j = 1; j <= b.length; j++) {
          var d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
          if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1] && before[j - 2] + 1 < d) d = before[j - 2] + 1;
          cur[j] = d;
          if (d < best) best = d;
        }
        if (best > limit) return limit + 1;
        spare = before; before = prev; prev = cur; cur = spare;
      }
      return prev[b.length];
    }

    // The index's words by length, so a typo is compared only with words of about its length,
    // and which letters each has: a letter one word has and the other lacks costs an edit, so
    // most words are ruled out before their distance is worked out. Made on the first typo.
    var byLength = null, letterMask = null;

    function mask(word) {
      var bits = 0;
      for (var k = 0; k < word.length; k++) bits |= 1 << (word.charCodeAt(k) & 31);
      return bits;
    }

    function bitCount(bits) {
      var n = 0;
      for (; bits; n++) bits &= bits - 1;
      return n;
    }

    // Words of the index within `limit` edits, nearest first.
    function near(word, limit) {
      if (!byLength) {
        byLength = [];
        letterMask = new Int32Array(words.length);
        words.forEach(function (w, i) {
          (byLength[w.length] = byLength[w.length] || []).push(i);
          letterMask[i] = mask(w);
        });
      }
      var found = [], own = mask(word);
      for (var n = Math.max(1, word.length - limit); n <= word.length + limit; n++) {
        var list = byLength[n] || [];
        for (var k = 0; k < list.length; k++) {
          var w = list[k];
          if (bitCount(own & ~letterMask[w]) > limit || bitCount(letterMask[w] & ~own) > limit) continue;
          var d = distance(word, words[w], limit);
          if (d <= limit) found.push([d, w]);
        }
      }
      return found.sort(function (x, y) { return x[0] - y[0] || x[1] - y[1]; });
    }

    // Stems of the words that begin with `start` (the word being typed matches as a prefix).
    function begun(start, into) {
      for (var w = lowerBound(words, start); w < words.length && words[w].lastIndexOf(start, 0) === 0; w++) {
        if (!(wordStem[w] in into)) into[wordStem[w]] = 1;
      }
    }

    // The stems a word matches, each marked 0 (its own stem) or 1 (as a prefix); else, for a
    // word no term has, the stems of the words a typo or two away (fuzzy).
    function termsFor(word, typing, exactOnly) {
      var found = {}, s = lowerBound(stems, stem(word));
      if (stems[s] === stem(word)) found[s] = 0;
      if (typing && word.length >= (CJK.test(word) ? 1 : contract.prefixFrom)) {
        begun(word, found);
        for (s = lowerBound(stems, word); s < stems.length && stems[s].lastIndexOf(word, 0) === 0; s++) {
          if (!(s in found)) found[s] = 1;
        }
      }
      var fuzzy = false;
      if (!Object.keys(found).length && !exactOnly && edits(word)) {
        near(word, edits(word)).forEach(function (hit) {
          fuzzy = true;
          found[wordStem[hit[1]]] = 0;
          if (typing) begun(words[hit[1]], found);
        });
      }
      return { stems: found, fuzzy: fuzzy };
    }

    function postings(s) {
      if (!decoded[s]) {
        var list = search.postings[s], refs = new Int32Array(list.length), tiers = new Uint8Array(list.length);
        for (var k = 0, ref = 0; k < list.length; k++) {
          ref += Math.floor(list[k] / TIERS);
          refs[k] = ref;
          tiers[k] = list[k] % TIERS;
        }
        decoded[s] = { refs: refs, tiers: tiers };
      }
      return decoded[s];
    }

    // Each mentor's best match for a word, as tier * 2 + 1 if only as a prefix (NONE: no match).
    function tiersFor(word, typing, count, exactOnly) {
      var terms = termsFor(word, typing, exactOnly);
      var best = buffer(Uint8Array, count).fill(NONE);
      var keys = Object.keys(terms.stems);
      keys.forEach(function (s) {
        var p = postings(s), how = terms.stems[s];
        for (var k = 0; k < p.refs.length; k++) {
          var value = p.tiers[k] * 2 + how;
          if (value < best[p.refs[k]]) best[p.refs[k]] = value;
        }
      });
      return { best: best, found: keys.length > 0, fuzzy: terms.fuzzy };
    }

    // Arrays reused from one search to the next (a keystroke need not leave garbage behind):
    // a search takes them in turn, and gives them all back when it starts.
    var pool = [], taken = 0;
    function buffer(Type, count) {
      var found = pool[taken];
      if (!found || found.constructor !== Type || found.length !== count) found = pool[taken] = new Type(count);
      taken++;
      return found;
    }

    function meaningful(text) {
      var list = queryWords(text).slice(0, contract.maxWords);
      var kept = list.filter(function (w) { return !stop[w]; });
      return kept.length ? kept : list;
    }

    // Record positions ranked by the contract (name, label, headline, details, bio; fuzzy
    // last; then record order, the day's fair order), or null when there are no words.
    function find(text, count) {
      var list = meaningful(text);
      if (!list.length) return null;
      taken = 0;
      var n = list.length;
      var single = list.map(function (w, i) { return tiersFor(w, i === n - 1, count); });
      // Two neighbouring words also match as one (peace building = peacebuilding), never fuzzily.
      var pairs = list.map(function (w, i) {
        return i < n - 1 ? tiersFor(w + list[i + 1], i + 1 === n - 1, count, true) : null;
      });
      // A mentor's rank is a small number: fewer fuzzy words first, then the best place any word
      // was found, then fewer prefix-only words, then the sum of all places (each within its range).
      var P = n + 1, S = n * (TIERS - 1) + 1, WORST = (n + 1) * TIERS * P * S;
      var score = buffer(Int32Array, count).fill(WORST);
      segmentations(n, pairs).forEach(function (units) {
        var parts = units.map(function (u) { return u[1] ? pairs[u[0]] : single[u[0]]; });
        var fuzzy = parts.filter(function (part) { return part.fuzzy; }).length;
        for (var r = 0; r < count; r++) {
          var min = NONE, sum = 0, prefixes = 0, k;
          for (k = 0; k < parts.length; k++) {
            var value = parts[k].best[r];
            if (value === NONE) break;
            var tier = value >> 1;
            prefixes += value & 1;
            if (tier < min) min = tier;
            sum += tier;
          }
          if (k < parts.length) continue;
          var key = ((fuzzy * TIERS + min) * P + prefixes) * S + sum;
          if (key < score[r]) score[r] = key;
        }
      });
      // Ranked by counting: how many mentors have each rank, then each mentor in record order (the
      // day's fair order) to its rank's next place. Far quicker than a sort on every keystroke.
      var starts = buffer(Int32Array, WORST + 1).fill(0), hits = 0;
      for (var r = 0; r < count; r++) if (score[r] < WORST) { starts[score[r] + 1]++; hits++; }
      for (var c = 1; c <= WORST; c++) starts[c] += starts[c - 1];
      var found = new Array(hits);
      for (r = 0; r < count; r++) if (score[r] < WORST) found[starts[score[r]]++] = r;
      return found;
    }

    // Ways to read n words as single words or joined pairs: [[position, joined?], ...] each.
    function segmentations(n, pairs) {
      var out = [];
      (function walk(i, units) {
        if (out.length >= 16) return;
        if (i >= n) { out.push(units); return; }
        walk(i + 1, units.concat([[i, false]]));
        if (pairs[i] && pairs[i].found) walk(i + 2, units.concat([[i, true]]));
      })(0, []);
      return out;
    }

    // On zero results: the query with each word no mentor has replaced by the nearest word of
    // the index (more edits than typo tolerance allows), if that finds anyone.
    function suggest(text, count) {
      var list = meaningful(text);
      var changed = false;
      var fixed = list.map(function (w, i) {
        if (Object.keys(termsFor(w, i === list.length - 1).stems).length) return w;
        var limit = Math.max(1, Math.min(3, Math.floor(w.length / 3)));
        var hits = near(w, limit).filter(function (h) { return !stop[words[h[1]]]; });
        if (!hits.length) return w;
        var top = hits.filter(function (h) { return h[0] === hits[0][0]; }).sort(function (x, y) {
          return search.postings[wordStem[y[1]]].length - search.postings[wordStem[x[1]]].length || x[1] - y[1];
        })[0];
        changed = true;
        return words[top[1]];
      });
      if (!changed) return null;
      var better = fixed.join(" ");
      var hits = find(better, count);
      return hits && hits.length ? { text: better, count: hits.length } : null;
    }

    return { fold: fold, words: queryWords, stem: stem, find: find, suggest: suggest };
  }

  root.mentorDirectoryMatcher = matcher;
})(window);
