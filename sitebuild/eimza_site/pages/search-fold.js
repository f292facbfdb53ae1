
/* E-İmza Rehberi: Turkish search folding (appended to lunr.tr.min.js at build time by
   eimza_site.pages.search). Index and query words are folded the same way before stemming,
   so "kayip" finds "kayıp", "ucret" finds "ücret", "odeme" finds "ödeme". */
(function (lunr) {
  var TR = { "ı": "i", "İ": "i", "ğ": "g", "Ğ": "g", "ş": "s", "Ş": "s",
             "ç": "c", "Ç": "c", "ö": "o", "Ö": "o", "ü": "u", "Ü": "u" };
  function fold(text) {
    return text.replace(/[ıİğĞşŞçÇöÖüÜ]/g, function (ch) { return TR[ch]; })
      .normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  var eimzaFold = function (token) {
    return token.update(function (s) { return fold(s); });
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
    if (c && typeof c.term === "string") c.term = fold(c.term);
    return clause.call(this, c);
  };
  lunr.eimzaFold = fold;
})(this.lunr || self.lunr);
