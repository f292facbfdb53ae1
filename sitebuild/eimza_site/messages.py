"""Every Turkish message of the editors' site tools, in one file for one Turkish read:
`make publish` (publish.py), `make push` / `withdraw` / `rollback` (release.py), the
built-site and calculator checks (sitecheck.py, calccheck.py) and the `make serve` preview
(watch.py). The readers' sentences (pages, calculator, the engine's errors) are in
`eimza.wording`; an input echoed back is quoted with `eimza.wording.typed` (as typed, not a
Python repr)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from eimza.turkish import date_long
from eimza.wording import typed

# ── make publish ──────────────────────────────────────────────────────────────────────
PUBLISH_DESCRIPTION = "Tarihli bir baskıyı denetleyip yerel gh-pages dalına yayımlar."
PUBLISH_HELP_EDITION = "baskı tarihi, YYYY-AA-GG (EDITION=)"
PUBLISH_HELP_CORRECTION = "yayımlanmış baskıyı düzelt (DUZELTME=1)"
PUBLISH_HELP_ROOT = "depo kökü"
PUBLISH_HELP_DATA = "veri dosyası (varsayılan: paketteki tarife.toml)"
NOT_PUBLISHED = "YAYIMLANMADI"  # the first word of every refusal of make publish


def edition_format(value: str) -> str:
    return (
        "Baskı tarihi YYYY-AA-GG biçiminde yazılmalı (ör. make publish EDITION=2026-01-20); "
        f"yazılan: {typed(value)}."
    )


def edition_not_in_calendar(value: str) -> str:
    return f"Baskı tarihi takvimde yok: {value} (ayı ve günü kontrol edin)."


def edition_in_future(day: dt.date, today: dt.date) -> str:
    return f"Baskı tarihi ({date_long(day)}) bugünden ({date_long(today)}) sonra olamaz."


def edition_older(day: dt.date, newest: dt.date, suggested: str) -> str:
    n = newest.isoformat()
    return (
        f"Yayımlanmış en yeni baskı {n}; {day.isoformat()} ondan eski. "
        "Yeni baskı en yeni baskıdan sonra gelir: baskilar.toml'a bugünün tarihiyle yeni bir "
        f"[[edition]] ekleyin ve make publish EDITION={suggested} ile yayımlayın. "
        f"Yayımlanmış {n} baskısındaki bir hatayı düzeltmek için: make publish EDITION={n} DUZELTME=1."
    )


def edition_already_published(day: dt.date, today: dt.date) -> str:
    return (
        f"{day.isoformat()} baskısı zaten yayımlanmış; üzerine yazılmaz. Bu baskıdaki bir hatayı "
        f"düzeltiyorsanız baskilar.toml'da bu baskıya düzeltme tarihini ekleyin (corrections = "
        f"[{today.isoformat()}]), kaydedin ve make publish EDITION={day.isoformat()} "
        "DUZELTME=1 yazın. Yeni bir baskıysa bugünün tarihiyle yeni bir [[edition]] ekleyin."
    )


def correction_of_unpublished(day: dt.date) -> str:
    return (
        f"DUZELTME=1 yalnızca yayımlanmış bir baskı için kullanılır; {day.isoformat()} "
        "yayımlanmamış. Yeni baskıyı DUZELTME=1 olmadan yayımlayın: "
        f"make publish EDITION={day.isoformat()}"
    )


DATA_CHECK = "[veri denetimi]"
DATA_REFUSED = "Veri dosyasında hata olduğu için yayımlanmadı."


def edition_not_listed(editions_path: object, day: dt.date, entry: str) -> str:
    return (
        f"{DATA_CHECK} {editions_path} dosyasında {day.isoformat()} tarihli baskı yok. Dosyanın "
        "sonuna şunu ekleyin, notu okurlar için yazın (örnek metin yayımlanmaz), sonra kaydedip "
        "(git commit) yeniden deneyin:\n\n" + entry
    )


def edition_not_newest(editions_path: object, day: dt.date, newest: dt.date) -> str:
    return (
        f"{DATA_CHECK} {day.isoformat()} tarihli baskı {editions_path} dosyasındaki en yeni baskı "
        f"değil (en yenisi {newest.isoformat()}); eski bir baskı yeniden yayımlanmaz."
    )


def correction_not_recorded(editions_path: object, day: dt.date, corrections: str) -> str:
    return (
        f"{DATA_CHECK} Düzeltme kayda geçmeli: {editions_path} dosyasında {day.isoformat()} "
        f"baskısına bugünün tarihini ekleyin: corrections = [{corrections}] "
        "(okurlar değişiklik geçmişinde baskının düzeltildiğini ve ne zaman düzeltildiğini görür). "
        "Kaydedip (git commit) yeniden deneyin."
    )


def outside_repository(path: object, root: object) -> str:
    return (
        f"{path} bu deponun ({root}) dışında; yayımlanan veri deponun içindeki dosyadır "
        "(calculator/eimza/data/). Dosyayı oraya kopyalayıp kaydedin."
    )


def git_failed(stderr: str) -> str:
    return f"git çalışmadı ({stderr}); yayın bir git deposunda yapılır."


def uncommitted(status: str, paths: Sequence[str]) -> str:
    return (
        f"Veri dosyalarında kaydedilmemiş değişiklik var:\n{status}\n"
        f'Önce kaydedin: git add {" ".join(paths)} && git commit -m "Tarife güncellemesi"'
    )


ADDRESS_NOT_HTTPS = "https:// ile başlayan tam bir adres olmalı"
ADDRESS_LOCAL = "bu bilgisayarın ya da yerel ağın adresi; okurlar ona ulaşamaz"
ADDRESS_NO_SLASH = "adres / ile bitmeli (her baskı bu adresin altında kendi klasöründedir)"


def address_refused(value: str | None, problem: str) -> str:
    now = typed(value) if value else "boş"
    return (
        f"Sitenin herkese açık adresi yazılı değil: mkdocs.yml'deki site_url şu an {now}: {problem}. "
        "Yayımlanan baskının site haritası (sitemap.xml) ve sayfalarındaki asıl adres "
        "bağlantıları (canonical) bu adresi gösterir. Müdürlüğün bu rehber için duyurduğu "
        "adresi yazın (ör. site_url: https://rehber.example.org/eimza/), kaydedip (git commit) "
        "yeniden deneyin (Editör kılavuzu, 'Sitenin adresi')."
    )


def address_used(address: str, edition: str) -> str:
    return f"→ Sitenin adresi: {address} (bu baskı: {address}{edition}/)"


STEP_BUILD = "Derleme (mkdocs build --strict)"
STEP_DEPLOY = "Yayın (mike deploy)"
STEP_DEFAULT = "Varsayılan baskı (mike set-default)"


def step_failed(what: str, code: int, hint: str = "") -> str:
    more = f" {hint}" if hint else ""
    return f"[{what}] başarısız oldu (çıkış kodu {code}); yayımlanmadı.{more}"


BUILD_HINT = (
    "Yukarıdaki ilk ERROR/WARNING satırı hangi sayfada (docs/…) ya da veri dosyasının hangi "
    "satırında sorun olduğunu söyler. Düzeltip make serve ile önizlemede bakın, kaydedin ve "
    "yeniden yayımlayın."
)


def unexpected_script(page: str, script: str) -> str:
    """The build's refusal of an inline script no template of the project writes
    (eimza_site.inline_scripts): it would run with the page's own rights."""
    return (
        f"E-İmza Rehberi: {page} sayfasında projenin şablonlarında olmayan bir betik var "
        f"(<script>{typed(' '.join(script.split()))}</script>). Sayfa metnine, parçalara ve veri dosyasına "
        "betik yazılamaz; bu <script> öğesini kaldırın."
    )


def script_templates_broken(problem: str) -> str:
    return f"E-İmza Rehberi: beklenen betiklerin şablonları okunamadı: {problem}"


def site_checked(count: int) -> str:
    return f"→ Sayfa denetimi (tutarlar, etiketler, bağlantılar): {count} sorun"


def calculator_checked(count: int) -> str:
    return f"→ Hesaplayıcı denetimi (sitenin Pyodide'ı): {count} sorun"


def more_problems(count: int) -> str:
    return f"… ve {count} sorun daha."


def checked_build(site: object) -> str:
    return f"Denetlenen derleme: {site}. Sorunları düzeltip kaydedin ve yeniden yayımlayın."


def checks_took(seconds: float) -> str:
    return f"  denetimler {seconds:.0f} sn sürdü"


def tag_exists(tag: str, corrections: str) -> str:
    return (
        f"{tag} etiketi zaten var: bu baskı bu hâliyle yayımlanmış. Yeni bir düzeltmeyse "
        f"baskilar.toml'da corrections listesine bir tarih daha ekleyin: "
        f"corrections = [{corrections}]."
    )


def edition_commit(day: dt.date, correction_day: dt.date | None, tag: str) -> str:
    """gh-pages commit message; the edition workflow (.github/workflows/baski.yml) looks for
    the tag in brackets."""
    fixed = f", düzeltme {correction_day.isoformat()}" if correction_day else ""
    return f"Baskı {day.isoformat()} ({date_long(day)}){fixed} [{tag}]"


def tag_failed(tag: str, stderr: str) -> str:
    return f"{tag} etiketi yazılamadı ({stderr}); baskı gh-pages dalında ama etiketsiz."


def published(day: dt.date, correction: bool, branch: str, tag: str, alias: str, seconds: float) -> str:
    what = "düzeltmesi" if correction else "baskısı"
    return (
        f"Yayımlandı: {date_long(day)} {what} yerel '{branch}' dalında ({tag} etiketiyle), "
        f"'{alias}' bu baskıyı gösteriyor ({seconds:.0f} sn).\n"
        "Siteye göndermek için: make push"
    )


# ── make push / withdraw / rollback ───────────────────────────────────────────────────
NOT_SENT = "GÖNDERİLMEDİ"  # a refused make push
NOT_DONE = "YAPILMADI"  # a refused make withdraw / rollback


def mike_failed(command: str, stderr: str) -> str:
    return f"mike {command} başarısız oldu:\n{stderr}"


def no_remote(remote: str) -> str:
    return (
        f"'{remote}' adlı uzak depo tanımlı değil. Deponun adresini ekleyin: "
        f"git remote add {remote} ADRES (GitHub'daki deponun 'Code' düğmesindeki adres)."
    )


DETACHED_HEAD = "Şu an bir dalda değilsiniz (detached HEAD): git switch main ile ana dala geçin."


def remote_unreachable(remote: str, stderr: str) -> str:
    return f"Uzak depoya ulaşılamadı ({remote}):\n{stderr}"


def tag_moved(tag: str, remote: str) -> str:
    return (
        f"{tag} etiketi uzak depoda başka bir kayda bağlı; yayımlanmış etiketler "
        f"değiştirilmez. Yereldeki etiketi uzak depodakiyle eşitleyin: git tag -d {tag} && "
        f"git fetch {remote} tag {tag}; düzeltme için make publish EDITION=… DUZELTME=1 kullanın."
    )


def push_failed(remote: str, branch: str, stderr: str) -> str:
    return (
        "Gönderilmedi; uzak depoda hiçbir şey değişmedi (hepsi birlikte ya da hiçbiri). "
        "Genellikle neden: uzak depoda sizde olmayan kayıtlar var (başka biri göndermiş). "
        f"Önce git pull --ff-only {remote} {branch} yazın, sonra make push'u yeniden deneyin.\n"
        f"git'in çıktısı:\n{stderr}"
    )


def pushed(remote: str, branch: str, pages_branch: str | None, new_tags: Sequence[str]) -> list[str]:
    sent = [f"{branch} dalı"]
    if pages_branch:
        sent.append(f"{pages_branch} dalı (yayımlanan baskılar)")
    sent.append(f"etiketler: {', '.join(new_tags)}" if new_tags else "yeni etiket yok")
    return [
        f"Gönderildi ({remote}): {', '.join(sent)}.",
        "GitHub Pages siteyi gh-pages dalından birkaç dakika içinde günceller.",
    ]


def withdraw_format(value: str) -> str:
    return f"EDITION=YYYY-AA-GG yazılmalı (ör. make withdraw EDITION=2026-01-20); yazılan: {typed(value)}."


def not_published(day: dt.date, published: Sequence[dt.date]) -> str:
    listed = ", ".join(d.isoformat() for d in published) or "yok"
    return f"{day.isoformat()} baskısı yayımlanmamış; yayımlanmış baskılar: {listed}."


def only_edition(day: dt.date) -> str:
    return f"{day.isoformat()} tek yayımlanmış baskı; geri çekilirse sitede hiç baskı kalmaz."


def withdrawn(day: dt.date, branch: str) -> str:
    return f"{day.isoformat()} baskısı yerel {branch} dalından geri çekildi."


def alias_moved(alias: str, day: dt.date) -> str:
    return f"'{alias}' artık {day.isoformat()} baskısını gösteriyor."


def withdraw_next(day: dt.date) -> str:
    return (
        f"Değişiklik geçmişinden de kaldırmak için baskilar.toml'daki {day.isoformat()} [[edition]] "
        "kaydını silip kaydedin (git commit). Siteye göndermek için: make push"
    )


def nothing_to_roll_back(alias: str) -> str:
    return f"'{alias}' baskısından önce yayımlanmış bir baskı yok; geri alınacak bir şey yok."


def rolled_back(alias: str, current: dt.date, older: dt.date) -> list[str]:
    c = current.isoformat()
    return [
        f"'{alias}' {c} baskısından {older.isoformat()} baskısına geri alındı; "
        f"{c} baskısı kendi adresinde durur (tamamen kaldırmak için: make withdraw EDITION={c}).",
        "Siteye göndermek için: make push",
    ]


# ── built-site checks (sitecheck) ─────────────────────────────────────────────────────
CHECK_AMOUNTS = "tutarlar"
CHECK_TOKENS = "etiketler"
CHECK_LINKS = "bağlantılar"


def problem_line(check: str, page: str, line: int | None, message: str) -> str:
    where = f"{page}, satır {line}" if line else page
    return f"HATA [{check}] {where}: {message}"


def unknown_amount(amount: str) -> str:
    return (
        f"{amount} motorun bu veriyle hesapladığı tutarlardan biri değil. "
        "Tutar sayfaya elle yazılmış olabilir: docs/ altındaki sayfada bu tutarı "
        "silip yerine bir {{ … }} etiketi koyun (Editör kılavuzu, 'Etiketler')."
    )


def token_left(snippet: str) -> str:
    return (
        f"Sayfada doldurulmamış bir etiket kaldı: {typed(snippet)}. docs/ altındaki "
        "sayfada etiketin adını Editör kılavuzundaki listeyle karşılaştırın."
    )


def anchor_missing(link: str, fragment: str) -> str:
    return (
        f"{link} bağlantısının gösterdiği bölüm (#{fragment}) o sayfada yok. "
        "Bağlantıyı sayfadaki başlığın bağlantısıyla değiştirin."
    )


def page_missing(link: str) -> str:
    return (
        f"{link} bağlantısının gösterdiği sayfa sitede yok. docs/ altındaki sayfada bağlantıyı "
        "düzeltin (bağlantılar .md dosyasının adıyla yazılır, ör. [Ücret tarifesi](ucret-tarifesi.md))."
    )


# ── the calculator in the shipped Pyodide (calccheck) ─────────────────────────────────
CHECK_CALCULATOR = "hesaplayıcı"
ONLY_NATIVE = "Pyodide'da yok"
ONLY_PYODIDE = "yalnızca Pyodide'da"
LENGTH = "uzunluk"
MODE_PLAIN = "düz açılış"
MODE_SNAPSHOT = "bellek görüntüsü"


def calculator_did_not_run(detail: object) -> str:
    return (
        "Hesaplayıcı, sitenin taşıdığı Pyodide ile çalıştırılamadı. Node kurulu mu "
        f"(make setup-test)? Ayrıntı:\n{detail}"
    )


def wheel_data_differs(data_path: object) -> str:
    return (
        f"Hesaplayıcının paketindeki tarife.toml, yayımlanan veri dosyası ({data_path}) "
        "ile aynı değil: sayfalar ve hesaplayıcı farklı tutar gösterirdi. Bu bir yazılım "
        "hatasıdır; yayımlamayın ve geliştiricilere bildirin."
    )


NO_SNAPSHOT = (
    "Sitede hesaplayıcının bellek görüntüsü (snapshot) yok. Yayın derlemesi onu "
    "üretmeliydi; EIMZA_NO_SNAPSHOT ortam değişkenini kaldırıp yeniden deneyin."
)


def calculator_differs(mode: str, case: str, difference: str) -> str:
    return (
        f"Hesaplayıcı ({mode}) şu durumda sayfalardaki motordan farklı cevap "
        f"verdi: {case}: {difference}. "
        "Bu bir yazılım hatasıdır; yayımlamayın ve geliştiricilere bildirin."
    )


# ── make serve: the preview (watch) ───────────────────────────────────────────────────
PREVIEW_TITLE = "Önizleme (yayımlanmamış)"  # in the version selector
# the banner open pages show over the last good build (the reload script puts them together)
BANNER_FAILED = "Önizleme derlenemedi (gösterilen, son başarılı derleme). "
BANNER_LINE = ", satır "
BANNER_FIX = " Düzeltip dosyayı kaydedin."
UNKNOWN_ERROR = "bilinmeyen hata"
FIRST_BUILD = "İlk derleme başladı…"
PREVIEW_FAILED = (
    "Önizleme derlenemedi; son başarılı derleme sunulmaya devam ediyor (tarayıcıda üstte "
    "hata gösterilir). Hatayı düzeltip dosyayı kaydedin (veri dosyası için: make check)."
)


def editions_found(names: Sequence[str]) -> str:
    return f"Yayımlanmış baskılar (yerel gh-pages): {', '.join(names) or 'yok'}"


def first_build_running(seconds: float) -> str:
    return (
        f"İlk derleme sürüyor ({seconds:.0f} sn): "
        "sayfalar, hesaplayıcının Python paketi ve bellek görüntüsü hazırlanıyor; "
        "ilk seferde 1-2 dakika sürebilir."
    )


def preview_built(seconds: float, folder: str) -> str:
    return f"Önizleme derlendi ({seconds:.1f} sn): {folder}/"


def changed(names: Sequence[str]) -> str:
    more = " …" if len(names) > 5 else ""
    return f"Değişti: {', '.join(names[:5])}{more}; yeniden derleniyor"


# ── make audit ────────────────────────────────────────────────────────────────────────
AUDIT_TITLE = "Güvenlik danışmaları: okurlara ulaşan paketler (npm: Pyodide; PyPI: sitenin derleme paketleri)"
AUDIT_HELP_ROOT = "depo kökü (package-lock.json)"
AUDIT_HELP_NPM = "npm kayıt adresi (öntanımlı: npm'in ayarı)"
AUDIT_HELP_PYPI = "PyPI JSON API adresi"


def advisory(source: str, name: str, version: str, ident: str, text: str, fixed: str) -> str:
    first = " ".join(text.split())[:160]
    fix = f"; düzeltildiği sürüm: {fixed}" if fixed else ""
    return f"DANIŞMA ({source}): {name} {version}: {ident} — {first}{fix}"


def audit_unreachable(source: str, detail: str) -> str:
    return (
        f"{source} danışma kaynağına ulaşılamadı ({' '.join(detail.split())[:200]}); "
        f"{source} paketleri denetlenemedi."
    )


def audit_no_record(name: str, version: str, latest: str | None) -> str:
    return (
        f"DENETLENEMEDİ (PyPI): {name} {version}: bu sürümün danışma kaydı alınamadı "
        f"(en yeni sürüm {latest or 'bilinmiyor'}; onun kaydı bu sürüm için geçerli sayılmaz)."
    )


def audit_source_done(source: str, checked: int, total: int) -> str:
    return f"{source}: {total} paketten {checked} paket denetlendi."


def audit_summary(checked: int, unchecked: int, found: int) -> str:
    if found:
        return (
            f"SONUÇ: {found} bilinen güvenlik danışması. Paketi danışmada yazan sürüme yükseltin "
            "(package.json / pyproject.toml) ve siteyi yeniden derleyip yayımlayın."
        )
    if unchecked:
        return (
            f"SONUÇ: denetlenen {checked} pakette bilinen danışma yok; {unchecked} paket "
            "denetlenemedi (yukarıda nedeni yazılı)."
        )
    return f"SONUÇ: {checked} pakette bilinen danışma yok."


# ── the build: readers' words for the search box (data/arama.toml, search_index.py) ────
def search_words_invalid(count: int, problems: Sequence[str]) -> str:
    lines = "\n".join(problems)
    return f"Arama sözleri dosyasında {count} hata var:\n{lines}"


def search_words_missing() -> str:
    return (
        "Dosya yok. Okurların arama sözlerini sayfalara bağlayan bu dosya depoda olmalı (git'ten geri alın)."
    )


def search_index_missing() -> str:
    return "Material'in arama dizini yazılmamış: mkdocs.yml'de search eklentisi açık olmalı."


def search_words_unknown_key(key: str, known: Sequence[str]) -> str:
    return f"Bilinmeyen anahtar {typed(key)}; yazılabilecekler: {', '.join(known)}."


def search_words_no_targets() -> str:
    return (
        "Hiç [[target]] yok. Her hedef için bir [[target]] bölümü yazın: "
        'page = "kayip-calinti.md" ve phrases = ["kaybettim", …].'
    )


def search_words_page_format(value: object) -> str:
    return (
        'page, docs/ klasöründeki sayfanın dosya adı olmalı, ör. page = "kayip-calinti.md"; '
        f"yazılan: {typed(value)}."
    )


def search_words_section_format(value: object) -> str:
    return (
        "section, sayfadaki bir başlığın bağlantı adı olmalı (# işareti olmadan), "
        f'ör. section = "nasil-odenir"; yazılan: {typed(value)}.'
    )


def search_words_no_phrases() -> str:
    return 'phrases boş olamaz: en az bir söz yazın, ör. phrases = ["hesap numarası"].'


def search_words_empty_phrase(number: int) -> str:
    return f"phrases listesinin {number}. ögesi boş ya da metin değil."


def search_words_duplicate(phrase: str, first: str, second: str) -> str:
    return (
        f"{typed(phrase)} sözü iki hedefte var ({first} ve {second}; Türkçe harfler ve büyük "
        "harfler yok sayılarak). Bir söz yalnızca bir sayfaya götürebilir: birinden silin."
    )


def search_words_target_twice(name: str) -> str:
    return f"{name} iki [[target]] bölümünde var: sözlerini tek bölümde toplayın."


def search_words_no_page(page: str, pages: Sequence[str]) -> str:
    return f"{typed(page)} diye bir sayfa yok. Sayfalar: {', '.join(pages)}."


def search_words_no_section(page: str, section: str, anchors: Sequence[str]) -> str:
    return (
        f"{page} sayfasında {typed(section)} bağlantı adlı bir başlık yok (başlık değişmiş "
        f"olabilir). Bu sayfanın başlıkları: {', '.join(anchors) or 'yok'}."
    )
