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
HELP_IL = "il (müdürlük) kimliği, ör. tekirdag (IL=; varsayılan tekirdag)"
NOT_PUBLISHED = "YAYIMLANMADI"  # the first word of every refusal of make publish


def command(il: str, target: str, *args: str) -> str:
    """A command as the editor types it. It always names its directorate (IL=…, the default
    one too): a command copied from a message acts on the directorate the message is about."""
    return " ".join(["make", target, f"IL={il}", *args])


def edition_format(value: str, il: str) -> str:
    return (
        f"Baskı tarihi YYYY-AA-GG biçiminde yazılmalı (ör. {command(il, 'publish', 'EDITION=2026-01-20')}); "
        f"yazılan: {typed(value)}."
    )


def edition_not_in_calendar(value: str) -> str:
    return f"Baskı tarihi takvimde yok: {value} (ayı ve günü kontrol edin)."


def edition_in_future(day: dt.date, today: dt.date) -> str:
    return f"Baskı tarihi ({date_long(day)}) bugünden ({date_long(today)}) sonra olamaz."


def edition_older(day: dt.date, newest: dt.date, suggested: str, il: str) -> str:
    n = newest.isoformat()
    return (
        f"Yayımlanmış en yeni baskı {date_long(newest)}; {date_long(day)} ondan eski. "
        "Yeni baskı en yeni baskıdan sonra gelir: baskilar.toml'a bugünün tarihiyle yeni bir "
        f"[[edition]] ekleyin ve {command(il, 'publish', f'EDITION={suggested}')} ile yayımlayın. "
        f"Yayımlanmış {date_long(newest)} baskısındaki bir hatayı düzeltmek için: "
        f"{command(il, 'publish', f'EDITION={n}', 'DUZELTME=1')}"
    )


def edition_already_published(day: dt.date, today: dt.date, il: str) -> str:
    return (
        f"{date_long(day)} baskısı zaten yayımlanmış; üzerine yazılmaz. Bu baskıdaki bir hatayı "
        f"düzeltiyorsanız baskilar.toml'da bu baskıya düzeltme tarihini ekleyin (corrections = "
        f"[{today.isoformat()}]), kaydedin ve şunu yazın: "
        f"{command(il, 'publish', f'EDITION={day.isoformat()}', 'DUZELTME=1')}. Yeni bir baskıysa "
        "bugünün tarihiyle yeni bir [[edition]] ekleyin."
    )


def correction_of_unpublished(day: dt.date, il: str) -> str:
    return (
        f"DUZELTME=1 yalnızca yayımlanmış bir baskı için kullanılır; {date_long(day)} baskısı "
        "yayımlanmamış. Yeni baskıyı DUZELTME=1 olmadan yayımlayın: "
        f"{command(il, 'publish', f'EDITION={day.isoformat()}')}"
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


def _example(known: Sequence[str], target: str) -> str:
    """`make <target> IL=<the first directorate>`, with an edition where the target needs one."""
    if not known:
        return ""
    edition = ("EDITION=2026-01-20",) if target in ("publish", "withdraw", "undo-correction") else ()
    return f" Örnek: {command(known[0], target, *edition)}"


def unknown_directorate(name: str, known: Sequence[str], target: str, folders: bool = False) -> str:
    also = " ya da il.toml dosyası olan bir klasörün yolunu (ör. IL=tests/data/iller/…)" if folders else ""
    return (
        f"IL={typed(name)} bu depoda bir il (müdürlük) değil: data/iller/ altında böyle bir klasör "
        f"yok. IL= ile depodaki illerden birini{also} yazın. Depodaki iller: "
        f"{', '.join(known) or 'yok'}.{_example(known, target)}"
    )


def unknown_folder(name: str, found: bool, known: Sequence[str], target: str, folders: bool) -> str:
    """IL= a path: no il.toml there, or a folder outside data/iller/ for a command that publishes."""
    if not found:
        also = "bir ilin klasörünü ya da " if folders else ""
        return (
            f"IL={typed(name)}: bu klasörde il.toml yok (ya da böyle bir klasör yok). IL= ile {also}"
            f"data/iller/ altındaki bir ilin adını yazın. Depodaki iller: "
            f"{', '.join(known) or 'yok'}.{_example(known, target)}"
        )
    return (
        f"IL={typed(name)} data/iller/ dışında bir klasör: böyle bir il denetlenebilir, derlenebilir "
        "ve önizlenebilir (check, build ve serve komutlarıyla), ama yayımlanamaz. Yayımlamak için "
        "klasörü data/iller/ altına taşıyıp kaydedin (git commit) ve IL= ile klasörün adını yazın."
    )


def git_failed(stderr: str) -> str:
    return f"git çalışmadı ({stderr}); yayın bir git deposunda yapılır."


FILE_CHANGED = "değişti"
FILE_NEW = "yeni, git'e eklenmemiş"
FILE_DELETED = "silindi"


def uncommitted(files: Sequence[tuple[str, str]]) -> str:
    listed = "\n".join(f"  {name} ({kind})" for name, kind in files[:20])
    more = f"\n  … ve {len(files) - 20} dosya daha" if len(files) > 20 else ""
    names = " ".join(name for name, _ in files[:20])
    return (
        "Sitenin derlendiği dosyalarda kaydedilmemiş değişiklik var; baskı son kayıttan (git commit) "
        f"derlenir, bu değişiklikler yayımlanmazdı:\n{listed}{more}\n"
        f'Yayımlanacaksa kaydedin: git add {names} && git commit -m "…"\n'
        "Yayımlanmayacaksa geri alın: git checkout -- DOSYA (yeni bir dosyayı silin)."
    )


NO_COMMIT = "Depoda henüz hiç kayıt (git commit) yok; önce dosyaları kaydedin."


ADDRESS_NOT_HTTPS = "https:// ile başlayan tam bir adres olmalı"
ADDRESS_LOCAL = "bu bilgisayarın ya da yerel ağın adresi; okurlar ona ulaşamaz"
ADDRESS_NO_SLASH = "adres / ile bitmeli (her baskı bu adresin altında kendi klasöründedir)"


def address_refused(value: str | None, problem: str, il_file: object) -> str:
    now = typed(value) if value else "boş"
    return (
        f"Sitenin herkese açık adresi yazılı değil: {il_file} dosyasının [site] tablosundaki url "
        f"şu an {now}: {problem}. Yayımlanan baskının site haritası (sitemap.xml) ve "
        "sayfalarındaki asıl adres bağlantıları (canonical) bu adresi gösterir. Müdürlüğün bu "
        'rehber için duyurduğu adresi yazın (ör. url = "https://rehber.example.org/eimza/"), '
        "kaydedip (git commit) yeniden deneyin (Editör kılavuzu, 'Sitenin adresi')."
    )


def address_used(address: str, edition: str) -> str:
    return f"→ Sitenin adresi: {address} (bu baskı: {address}{edition}/)"


STEP_BUILD = "Derleme (mkdocs build --strict)"
STEP_DEPLOY = "Yayın (mike deploy)"


def step(what: str, where: object) -> str:
    return f"→ {what}: {where}"


def built(seconds: float) -> str:
    return f"  derlendi ({seconds:.0f} sn)"


def build_failed(error: dict[str, object], log: object, il: str) -> str:
    where = ""
    if error.get("file"):
        where = f"{error['file']}" + (f", satır {error['line']}" if error.get("line") else "") + ": "
    return (
        f"[{STEP_BUILD}] derleme başarısız oldu; yayımlanmadı.\n  {where}{error.get('message')}\n"
        f"Düzeltip {command(il, 'serve')} ile önizlemede bakın, kaydedin (git commit) ve yeniden "
        f"yayımlayın. Derlemenin tam çıktısı: {log}"
    )


def branch_failed(branch: str, detail: str) -> str:
    return (
        f"Baskı yayın dalına ({branch}) yazılamadı; dal olduğu gibi bırakıldı. Git kullanıcı "
        'adınızı tanıttınız mı (git config user.name "Ad Soyad")? '
        f"Geliştiriciler için ayrıntı: {detail}"
    )


def deploy_mismatch(branch: str, version: str, paths: Sequence[str], again: str) -> str:
    """`again`: the publish command to run again (`command(…)`)."""
    shown = ", ".join(paths[:5]) + (f" … ve {len(paths) - 5} dosya daha" if len(paths) > 5 else "")
    return (
        f"Yayın dalına ({branch}) yazılan {version} baskısı denetlenen derlemeyle aynı değil "
        f"({shown}); yayın geri alındı, {branch} dalı yayından önceki hâline döndü. Derleme "
        f"klasörü denetimden sonra değişmiş olabilir: {again} komutunu yeniden çalıştırın; "
        "yine olursa geliştiricilere bildirin."
    )


def deploy_verified(count: int) -> str:
    return f"  yayın dalındaki {count} dosya, denetlenen derlemeyle bayt bayt aynı"


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
    return f"{tag} etiketi yazılamadı ({stderr}); baskı yayın dalında ama etiketsiz."


def published(
    day: dt.date, correction: bool, branch: str, tag: str, alias: str, seconds: float, il: str
) -> str:
    what = "düzeltmesi" if correction else "baskısı"
    return (
        f"Yayımlandı: {date_long(day)} {what} yerel '{branch}' dalında ({tag} etiketiyle), "
        f"'{alias}' bu baskıyı gösteriyor ({seconds:.0f} sn).\n"
        f"{send(il)}"
    )


def send(il: str) -> str:
    return f"Siteye göndermek için: {command(il, 'push')}"


# ── make push / withdraw / rollback ───────────────────────────────────────────────────
NOT_SENT = "GÖNDERİLMEDİ"  # a refused make push
NOT_DONE = "YAPILMADI"  # a refused make withdraw / rollback / undo-correction


def no_remote(remote: str) -> str:
    return (
        f"'{remote}' adlı uzak depo tanımlı değil. Deponun adresini ekleyin: "
        f"git remote add {remote} ADRES (GitHub'daki deponun 'Code' düğmesindeki adres)."
    )


DETACHED_HEAD = "Şu an bir dalda değilsiniz (detached HEAD): git switch main ile ana dala geçin."


def _git_reason(stderr: str) -> str:
    """A Turkish reason for git's usual complaints; git's own words only when none fits."""
    low = stderr.lower()
    if "non-fast-forward" in low or "fetch first" in low or "[rejected]" in low:
        return "uzak depoda sizde olmayan kayıtlar var (başka biri göndermiş)"
    if "authentication" in low or "permission denied" in low or "403" in low:
        return "uzak depo kimliğinizi kabul etmedi (GitHub kullanıcı adı ve erişim anahtarı)"
    if "could not read from remote" in low or "not appear to be a git repository" in low:
        return "uzak depoya ulaşılamadı (adres ya da ağ bağlantısı)"
    return f"geliştiriciler için git'in çıktısı: {' / '.join(stderr.splitlines()[-3:])}"


def remote_unreachable(remote: str, stderr: str) -> str:
    return f"Uzak depoya ulaşılamadı ({remote}): {_git_reason(stderr)}."


def tag_moved(tag: str, remote: str, il: str) -> str:
    return (
        f"{tag} etiketi uzak depoda başka bir kayda bağlı; yayımlanmış etiketler "
        f"değiştirilmez. Yereldeki etiketi uzak depodakiyle eşitleyin: git tag -d {tag} && "
        f"git fetch {remote} tag {tag}; düzeltme için {command(il, 'publish', 'EDITION=…', 'DUZELTME=1')} "
        "kullanın."
    )


def push_failed(remote: str, branch: str, stderr: str, il: str) -> str:
    return (
        f"Gönderilmedi; uzak depoda hiçbir şey değişmedi (hepsi birlikte ya da hiçbiri). Neden: "
        f"{_git_reason(stderr)}. Uzak depoda sizde olmayan kayıtlar varsa önce "
        f"git pull --ff-only {remote} {branch} yazın, sonra yeniden deneyin: {command(il, 'push')}"
    )


def pushed(
    remote: str,
    branch: str,
    pages_branch: str | None,
    new_tags: Sequence[str],
    gone: Sequence[str] = (),
    stale: Sequence[str] = (),
) -> list[str]:
    sent = [f"{branch} dalı"]
    if pages_branch:
        sent.append(f"{pages_branch} dalı (yayımlanan baskılar)")
    sent.append(f"etiketler: {', '.join(new_tags)}" if new_tags else "yeni etiket yok")
    out = [f"Gönderildi ({remote}): {', '.join(sent)}."]
    if gone:
        out.append(f"Geri çekilen baskıların etiketleri uzak depodan kaldırıldı: {', '.join(gone)}.")
    if stale:
        out.append(
            f"Gönderilmeyen etiketler (baskıları yayın dalında yok, geri çekilmiş): {', '.join(stale)}."
        )
    if pages_branch:
        out.append(f"Site, {pages_branch} dalından yayımlanıyorsa birkaç dakika içinde güncellenir.")
    return out


def withdraw_format(value: str, il: str, target: str) -> str:
    example = command(il, target, "EDITION=2026-01-20")
    return f"EDITION=YYYY-AA-GG yazılmalı (ör. {example}); yazılan: {typed(value)}."


def not_published(day: dt.date, published: Sequence[dt.date]) -> str:
    listed = ", ".join(f"{date_long(d)} (EDITION={d.isoformat()})" for d in published) or "yok"
    return f"{date_long(day)} baskısı yayımlanmamış; yayımlanmış baskılar: {listed}."


def only_edition(day: dt.date) -> str:
    return f"{date_long(day)} baskısı tek yayımlanmış baskı; geri çekilirse sitede hiç baskı kalmaz."


def withdrawn(day: dt.date, branch: str) -> str:
    return f"{date_long(day)} baskısı yerel {branch} dalından geri çekildi."


def withdraw_commit(day: dt.date) -> str:
    return f"Baskı {day.isoformat()} geri çekildi"


def alias_commit(alias: str, day: dt.date) -> str:
    return f"'{alias}' → {day.isoformat()}"


def alias_moved(alias: str, day: dt.date) -> str:
    return f"'{alias}' artık {date_long(day)} baskısını gösteriyor."


def tags_retired(names: Sequence[str]) -> str:
    return (
        f"Baskının etiketleri geri çekilenler arasına taşındı: {', '.join(names) or 'yok'} "
        "(okurların gördüğü hâl git'te saklı kalır; make diff ve bu tarihin yeniden yayımı "
        "baskıyı hiç yayımlanmamış sayar)."
    )


def entry_removed(path: object, day: dt.date) -> str:
    return f"{path} dosyasından {date_long(day)} baskısının kaydı silindi ve kaydedildi (git commit)."


def withdraw_next(day: dt.date, il: str) -> str:
    d = day.isoformat()
    return (
        f"{send(il)}\n"
        f"Geri almak için: {d} kaydını baskilar.toml'a yeniden ekleyip kaydedin ve "
        f"{command(il, 'publish', f'EDITION={d}')} ile yeniden yayımlayın."
    )


def editions_uncommitted(path: object) -> str:
    return f"{path} dosyasında kaydedilmemiş değişiklik var; önce kaydedin (git commit) ya da geri alın."


def edit_by_hand(path: object, hint: str) -> str:
    return f"{path} dosyası beklenen biçimde değil; şu değişikliği elle yapıp kaydedin: {hint}"


def remove_entry_hint(day: dt.date) -> str:
    return f"date = {day.isoformat()} olan [[edition]] kaydını silin."


def commit_failed(detail: str) -> str:
    return (
        "Değişiklik kaydedilemedi (git commit). Git'e adınızı tanıttınız mı? "
        'git config user.name "Ad Soyad" ve git config user.email "eposta@saglik.gov.tr" '
        f"(geliştiriciler için ayrıntı: {detail})"
    )


def already_current(alias: str, day: dt.date) -> str:
    return f"'{alias}' zaten {date_long(day)} baskısını gösteriyor; değişecek bir şey yok."


def nothing_to_roll_back(alias: str, corrected: dt.date | None, il: str) -> str:
    more = (
        f" {date_long(corrected)} baskısının son düzeltmesini geri almak için: "
        f"{command(il, 'undo-correction', f'EDITION={corrected.isoformat()}')}"
        if corrected
        else ""
    )
    return f"'{alias}' baskısından önce yayımlanmış bir baskı yok; geri alınacak bir baskı yok.{more}"


def rolled_back(alias: str, current: dt.date | None, target: dt.date, il: str) -> list[str]:
    if current is None:
        return [f"'{alias}' artık {date_long(target)} baskısını gösteriyor.", send(il)]
    c = current.isoformat()
    back, away = command(il, "rollback", f"EDITION={c}"), command(il, "withdraw", f"EDITION={c}")
    return [
        f"'{alias}' {date_long(current)} baskısından {date_long(target)} baskısına döndürüldü; "
        f"{date_long(current)} baskısı kendi adresinde durur (geri almak için: {back}; tamamen "
        f"kaldırmak için: {away}).",
        send(il),
    ]


def no_correction(day: dt.date, il: str) -> str:
    d = day.isoformat()
    return (
        f"{date_long(day)} baskısının yayımlanmış bir düzeltmesi yok; geri alınacak düzeltme yok. "
        f"Okurları önceki baskıya döndürmek için: {command(il, 'rollback')}; baskıyı kaldırmak için: "
        f"{command(il, 'withdraw', f'EDITION={d}')}"
    )


def editions_invalid(path: object, il: str) -> str:
    return f"{path} dosyasında hata var; önce düzeltin ({command(il, 'check')} hatayı satırıyla yazar)."


def undo_not_newest(day: dt.date, path: object) -> str:
    return (
        f"{date_long(day)} baskısının düzeltmesi geri alınamaz: {path} dosyasında bu baskı en yeni "
        "baskı olmalı ve düzeltme tarihleri yayımlanan düzeltmelerle aynı sayıda olmalı. Daha "
        "yeni bir baskı yayımlandıysa düzeltmeyi o baskıda yapın."
    )


def undo_hint(day: dt.date, today: dt.date, il: str) -> str:
    return (
        f"date = {day.isoformat()} kaydında corrections listesinin sonuna {today.isoformat()} "
        "ekleyin ve undone = [N] yazın (N: geri alınan düzeltmenin sıra numarası); sonra "
        f"{command(il, 'publish', f'EDITION={day.isoformat()}', 'DUZELTME=1')}"
    )


def undo_commit(day: dt.date, number: int) -> str:
    return f"Baskı {day.isoformat()}: {number}. düzeltme geri alındı"


def undo_national_changed(
    day: dt.date,
    number: int,
    before: str,
    after: str,
    national: str,
    own: Sequence[str],
    today: dt.date,
    il: str,
) -> str:
    """The undone correction's published states differ in the national file: not undone."""
    d = day.isoformat()
    restore = (
        f" Düzeltmenin ilin kendi dosyalarında değiştirdiklerini geri almak için: "
        f"git checkout {before} -- {' '.join(own)}."
        if own
        else ""
    )
    return (
        f"{date_long(day)} baskısının {number}. düzeltmesi geri alınmadı; hiçbir şey değiştirilmedi. "
        f"Bu düzeltmeyle yayımlanan ortak dosya ({national}) düzeltmeden öncekinden farklı "
        f"(farkı görmek için: git diff {before} {after} -- {national}). Ortak dosya bütün "
        "illerindir: geri alma onu eski hâline döndüremez, yoksa öteki illerin bir sonraki "
        "baskısı da eski değerleri alırdı. Yapılacak: ortak dosyada yanlış olan değeri "
        f"düzeltin (öteki illerin editörlerine de haber verin).{restore} Sonra baskilar.toml'da "
        f"{d} baskısının corrections listesine {today.isoformat()} ekleyin, kaydedin (git commit) "
        f"ve düzeltme olarak yayımlayın: {command(il, 'publish', f'EDITION={d}', 'DUZELTME=1')}"
    )


def undo_would_drop(day: dt.date, number: int, after: str, paths: Sequence[str], il: str) -> str:
    d = day.isoformat()
    return (
        f"{date_long(day)} baskısının {number}. düzeltmesi geri alınmadı; hiçbir şey "
        f"değiştirilmedi. İlin dosyaları bu düzeltmeden ({after}) sonra değiştirilip kaydedilmiş "
        f"ama yayımlanmamış: {', '.join(paths)}. Geri alma bu değişiklikleri de silerdi. "
        f"Onları yayımlayacaksanız düzeltme olarak yayımlayın "
        f"({command(il, 'publish', f'EDITION={d}', 'DUZELTME=1')}); istemiyorsanız kayıtlarını geri "
        f"alın (git revert) ve yeniden deneyin: {command(il, 'undo-correction', f'EDITION={d}')}"
    )


def undo_prepared(day: dt.date, number: int, path: object) -> str:
    return (
        f"→ {date_long(day)} baskısının {number}. düzeltmesinden önceki veri hazırlandı (geri alma "
        f"{path} dosyasına yazıldı); düzeltme olarak denetlenip yayımlanıyor. Ana dal, "
        "yayımlandıktan sonra bu kaydı alır."
    )


def undo_refused(day: dt.date, number: int, reason: str, il: str) -> str:
    return (
        f"{date_long(day)} baskısının {number}. düzeltmesi geri alınmadı; hiçbir şey değişmedi "
        "(ana dal, dosyalarınız, yayın dalı ve etiketler eskisi gibi). Yayın denetimi şunu "
        f"buldu:\n{reason}\nSorunu giderip kaydedin (git commit) ve yeniden deneyin: "
        f"{command(il, 'undo-correction', f'EDITION={day.isoformat()}')}"
    )


def undo_not_merged(day: dt.date, tag: str, commit: str, detail: str, il: str) -> str:
    return (
        f"{date_long(day)} baskısının düzeltmesi geri alınıp yayımlandı ({tag}), ama ana dal bu "
        f"kaydı alamadı (dosyalarınızda kaydedilmemiş bir değişiklik olabilir; git: {detail}). "
        "Değişikliklerinizi kaydedin ya da geri alın, sonra şunu yazın: "
        f"git merge --ff-only {commit} ve gönderin: {command(il, 'push')}"
    )


def undone(day: dt.date, number: int, tag: str, branch: str, national_since: bool, il: str) -> list[str]:
    out = [
        f"Geri alındı: {date_long(day)} baskısının {number}. düzeltmesi; okurlar ilin düzeltmeden "
        f"önceki bilgilerini görür ({tag} etiketiyle, yerel '{branch}' dalında). Değişiklik "
        "geçmişi bunu yazar."
    ]
    if national_since:
        out.append(
            "Ortak dosya (data/kamusm.toml) bu düzeltmeden sonra değişmiş (başka bir kayıtla): "
            "baskı onun bugünkü hâliyle yayımlandı; değişiklik geçmişi farkları da yazar."
        )
    return [*out, send(il)]


RECORD_DESCRIPTION = (
    "Etiketi olmayan bir baskının (ör. deponun ilk baskısı) yayımlandığı veriyi baskilar.toml "
    "dosyasına yazar: iki veri dosyasının git kimlikleri."
)
RECORD_HELP_REV = "verinin alınacağı sürüm (varsayılan HEAD)"


def record_failed(day: str, detail: object) -> str:
    return (
        f"KAYDEDİLMEDİ: {typed(day)} baskısının verisi yazılamadı ({detail}). Baskı "
        "baskilar.toml dosyasında var mı, veri dosyaları o sürümde kayıtlı mı?"
    )


def state_recorded(day: str, national: str, il: str) -> str:
    return (
        f"Kaydedildi: {day} baskısının verisi (data/kamusm.toml {national[:12]}…, il.toml {il[:12]}…) "
        "baskilar.toml dosyasında; değişiklik geçmişi sonraki baskıyı buna göre karşılaştırır."
    )


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


# ── the site's facts against its data (sitefacts) ─────────────────────────────────────
CHECK_ANSWERS = "yanıtlar"
CHECK_IBAN = "IBAN"
CHECK_EMAIL = "e-posta"
CHECK_KAMUSM = "Kamu SM bağlantıları"


def _rebuild(il: str) -> str:
    return (
        "Yanıtlar yalnızca veriden gelir: sayfa derlendikten sonra elle değiştirildiyse yeniden "
        f"derleyin ({command(il, 'build')}); fark sürerse sayfanın {{{{ … }}}} etiketlerini denetleyin."
    )


def _around(page: str, engine: str) -> tuple[str, str]:
    """The two texts from a little before their first difference (so that the quote shows it)."""
    same = 0
    while same < min(len(page), len(engine)) and page[same] == engine[same]:
        same += 1
    start = max(0, same - 12)
    cut = "…" if start else ""
    return cut + page[start:], cut + engine[start:]


def answer_unknown(title: str, day: dt.date, il: str) -> str:
    return (
        f"{typed(title)} başlıklı yanıt, motorun {date_long(day)} için bu "
        f"veriyle verdiği yanıtlardan biri değil. {_rebuild(il)}"
    )


def answer_text_differs(what: str, page: str, engine: str, il: str) -> str:
    shown, wanted = _around(page, engine)
    return (
        f"Yanıtın {what} motorun bu veriyle verdiği yanıttan farklı: sayfada {typed(shown)}, "
        f"motorun yanıtında {typed(wanted)}. {_rebuild(il)}"
    )


def answer_link_differs(what: str, text: str, page: Sequence[str], engine: Sequence[str], il: str) -> str:
    return (
        f"Yanıtın {what} ({typed(text)}) bağlantıları veriyle uyuşmuyor: sayfada "
        f"{', '.join(page) or 'bağlantı yok'}, motorun yanıtında {', '.join(engine) or 'bağlantı yok'}. "
        f"{_rebuild(il)}"
    )


def segment_name(kind: str, ident: str | None) -> str:
    """How a message names a part of an answer: its step, its item, or a line."""
    if kind == "step":
        return f"“{ident}” adımı"
    if kind == "item":
        return f"“{ident}” kalemi"
    return "bir satırı"


def answer_order_differs(il: str) -> str:
    return f"Yanıtın bölümleri motorun yanıtındakilerle aynı değil. {_rebuild(il)}"


def error_box_differs(il: str) -> str:
    return (
        "Bu uyarı kutusu, motorun bu baskının tarihi için verdiği tutar uyarısıyla aynı değil. "
        + _rebuild(il)
    )


def step_differs(step: str, text: str) -> str:
    return (
        f"“{step}” adımı, motorun bu baskının tarihindeki hiçbir yanıtında böyle değil: "
        f"{typed(text)}. Adımlar yalnızca il dosyasından gelir (data/iller/<il>/il.toml, "
        "[[step]]); sayfaya elle yazılmaz."
    )


def instant_differs(key: str, il: str) -> str:
    return (
        f"Hesaplayıcının hazır yanıtlar tablosundaki {typed(key)} yanıtı, motorun bu baskının "
        f"tarihindeki yanıtıyla aynı değil; siteyi yeniden derleyin ({command(il, 'build')})."
    )


def iban_not_data(shown: str, iban: str | None, il: str) -> str:
    own = f"baskının tarihinde {iban}" if iban else "baskının tarihinde verisinde IBAN yok"
    return (
        f"{typed(shown)} bu müdürlüğün verisindeki IBAN değil ({own}). IBAN sayfaya elle "
        "yazılmaz: {{ iban }} ya da {{ iban_grouped }} etiketini kullanın; IBAN yanlışsa il "
        f"dosyasında düzeltip {command(il, 'check')} çalıştırın."
    )


def email_not_data(address: str, emails: Sequence[str]) -> str:
    own = f"verisindekiler: {', '.join(emails)}" if emails else "verisinde e-posta adresi yok"
    return (
        f"{address} bu müdürlüğün e-posta adreslerinden biri değil ({own}). Adres sayfaya elle "
        "yazılmaz: {{ email }} etiketini kullanın; adres yanlışsa il dosyasındaki emails "
        "satırını düzeltin."
    )


def tel_not_data(href: str) -> str:
    return (
        f"{href} bağlantısının numarası verideki telefonlardan (Kamu SM çağrı merkezi, müdürlüğün "
        "telefonu) biri değil. Numarayı {{ phone }} etiketiyle yazın."
    )


def link_not_data(href: str) -> str:
    return (
        f"{href} verinin verdiği adreslerden biri değil (Kamu SM'nin adresleri, kaynakların "
        "adresleri, kuralların bağlantıları). Başka bir siteye bağlantı yalnızca veriden gelir: "
        "adresi kaynağıyla veri dosyasına yazın, sayfada etiketiyle gösterin ({{ url.portal }} gibi)."
    )


def link_text_differs(shown: str, href: str) -> str:
    return (
        f"Bağlantının yazısı {typed(shown)} ama gittiği yer {href}: okurun gördüğü adres, "
        "bağlantının gittiği adres olmalı. Bağlantıyı etiketiyle yazın, ör. <{{ url.online }}> "
        "ya da {{ email }}."
    )


def kamusm_misplaced(name: str, target: str, linked: Sequence[str]) -> str:
    return (
        f"Bu satır Kamu SM'nin “{name}” hizmetini anıyor ama onun adresine ({target}) değil, "
        f"{', '.join(linked)} adresine bağlantı veriyor. Hizmetin bağlantısını kendi etiketiyle "
        "yazın (adresler: data/kamusm.toml, [kamusm])."
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
        f"Hesaplayıcının paketindeki veri, yayımlanan veri dosyası ({data_path}) "
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
BANNER_CHECK = "make check bu dosyalarda şu sorunları buluyor; bu hâliyle yayımlanamaz:"
BANNER_CHECK_FIX = "Düzeltip dosyayı kaydedin; önizleme kendiliğinden yenilenir."
UNKNOWN_ERROR = "bilinmeyen hata"
FIRST_BUILD = "İlk derleme başladı…"


def preview_failed(error: dict[str, object], log: object, il: str, served: bool) -> str:
    """A failed preview build; `served`: an earlier build succeeded and stays on show (else
    this was the first build: there is nothing to show, make serve stops)."""
    line = f", satır {error['line']}" if error.get("line") else ""
    where = f"{error['file']}{line}: " if error.get("file") else ""
    check = command(il, "check")
    if served:
        what = (
            "Son başarılı derleme sunulmaya devam ediyor (tarayıcıda üstte hata gösterilir). Hatayı "
            f"düzeltip dosyayı kaydedin (veri dosyası için: {check})."
        )
    else:
        what = (
            "Henüz başarılı bir derleme yok; gösterilecek bir önizleme olmadığı için önizleme "
            f"başlatılmadı. Hatayı düzeltip (veri dosyası için: {check}) yeniden başlatın: "
            f"{command(il, 'serve')}."
        )
    return f"Önizleme derlenemedi: {where}{error.get('message')}\n{what} Derlemenin tam çıktısı: {log}"


def editions_found(names: Sequence[str]) -> str:
    return f"Yayımlanmış baskılar (yerel yayın dalı): {', '.join(names) or 'yok'}"


def first_build_running(seconds: float) -> str:
    return (
        f"İlk derleme sürüyor ({seconds:.0f} sn): "
        "sayfalar ve hesaplayıcının Python paketi hazırlanıyor; ilk seferde bir dakika "
        "kadar sürebilir, sonraki derlemeler birkaç saniye."
    )


def check_problem(problem: dict[str, object]) -> str:
    line = f", satır {problem['line']}" if problem.get("line") else ""
    return f"make check sorunu: {problem.get('file')}{line}: {problem.get('message')}"


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
