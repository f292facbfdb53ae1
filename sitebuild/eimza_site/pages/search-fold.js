
/* E-İmza Rehberi: Turkish search folding (appended to lunr.tr.min.js at build time by
   eimza_site.pages.search). Index and query words are folded the same way before stemming,
   so "kayip" finds "kayıp", "ucret" finds "ücret", "odeme" finds "ödeme"; characters that
   do not show (bidi controls, zero-width characters, the BOM, a soft hyphen, …) are
   dropped, so a query that carries them finds what it shows. */
(function (lunr) {
  var TR = { "ı": "i", "İ": "i", "ğ": "g", "Ğ": "g", "ş": "s", "Ş": "s",
             "ç": "c", "Ç": "c", "ö": "o", "Ö": "o", "ü": "u", "Ü": "u" };
  /* format characters (Cf: U+00AD, U+061C, U+200B-U+200F, U+202A-U+202E, U+2060-U+206F,
     U+FEFF, …) and the other default-ignorable ones: the combining grapheme joiner, Hangul
     fillers, Mongolian and other variation selectors */
  var UNSEEN = /[\p{Cf}\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u3164\ufe00-\ufe0f\uffa0]/gu;
  function fold(text) {
    return text.replace(UNSEEN, "")
      .replace(/[ıİğĞşŞçÇöÖüÜ]/g, function (ch) { return TR[ch]; })
      .normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  var eimzaFold = function (token) {
    var folded = fold(token.toString());
    return folded ? token.update(function () { return folded; }) : undefined;  // nothing left: no word
  };
  lunr.Pipeline.registerFunction(eimzaFold, "eimza-fold-tr");
  var base = lunr.tr;
  var tr = function () {
    base.call(this);
    this.pipeline.before(lunr.tr.stemmer, eimzaFold);
    if (this.searchPipeline) this.searchPipeline.before(lunr.tr.stemmer, eimzaFold);
  };
  for (var key in base) if (Object.prototype.hasOwnProperty.call(base, key)) tr[key] = base[key];
  lunr.tr = tr;
  // A term typed with a wildcard (Material adds one while the reader types) skips the
  // search pipeline: fold every query term as it enters the query.
  var clause = lunr.Query.prototype.clause;
  lunr.Query.prototype.clause = function (c) {
    if (c && typeof c.term === "string" && fold(c.term)) c.term = fold(c.term);
    return clause.call(this, c);
  };
  lunr.eimzaFold = fold;
})(this.lunr || self.lunr);
