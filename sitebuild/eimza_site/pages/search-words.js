/* E-İmza Rehberi: readers' words (appended to lunr.tr.min.js after search-fold.js by
   eimza_site.pages.search). The build adds the phrasings of data/arama.toml to the search index
   as the field "phrases" (eimza_site.pages.search_index). Material gives every query word a
   trailing wildcard: a one- or two-letter word ("e" of "e imza") would find every phrasing
   word it begins ("eft", "eski") and lift that page. Such words search the pages' own
   fields only. */
(function (lunr) {
  var clause = lunr.Query.prototype.clause;
  lunr.Query.prototype.clause = function (c) {
    var term = c && typeof c.term === "string" ? (lunr.eimzaFold || String)(c.term) : null;
    if (term !== null && !c.fields && term.replace(/\*/g, "").length < 3) {
      c.fields = this.allFields.filter(function (f) { return f !== "phrases"; });
    }
    return clause.call(this, c);
  };
})(this.lunr || self.lunr);
