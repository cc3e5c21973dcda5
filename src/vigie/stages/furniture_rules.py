"""Built-in, multilingual rules that recognise page furniture in a line of text.

Page furniture is what a web page wraps around an article and what copy-paste or extraction
drags along: comment forms, subscription and donation appeals, share buttons, tag lists, widget
labels, cookie notices, copyright lines, photo credits and captions, datelines, section labels,
bylines and signatures (a closing slogan, "(avec Estafette)", wire desk initials, header and
footer segments "Экран-К | Новости | 26 февраля 2025").

A rule judges one line at a time, after stripping, and only a whole line or an anchored pattern:
a sentence that merely contains "abonnez-vous" is never furniture. Each verdict carries a short
stable *reason* and a *strength*:

* ``STRONG`` — the line is furniture wherever it stands;
* ``HEADER`` — furniture in the first lines of the text (section labels, bare dates, bylines,
  a wire dateline alone on its line), else weak;
* ``WEAK`` — furniture only next to other furniture or at the very edge of the text
  (``"0"`` counters, ``"Chat"``, cookie buttons, a UI string in another script, a closing
  slogan or agency credit).

A wire dateline that opens a paragraph ("KORVANSK, 11 février (Telekar) – Les manœuvres …") is
part of the first sentence: the line is content. The metadata stage reads the outlet, the
source agency, the date and the authors from these lines with :func:`wire_dateline`,
:func:`copyright_notice`, :func:`slogan_outlet`, :func:`pipe_line`, :func:`byline`,
:func:`agency_credit` and :func:`appeal_outlet`.

Everything here is compiled at import and looked up by dictionary or by the line's first word,
so a line costs a few microseconds.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

__all__ = [
    "HEADER",
    "MONTHS",
    "STRONG",
    "WEAK",
    "Byline",
    "Copyright",
    "PipeLine",
    "Verdict",
    "WireDateline",
    "agency_credit",
    "appeal_outlet",
    "byline",
    "classify_line",
    "copyright_notice",
    "credit_prefix",
    "dateline_match",
    "desk_initials",
    "domain_signature",
    "foreign_script",
    "looks_like_tag",
    "looks_like_title",
    "norm",
    "pipe_line",
    "scripts_in",
    "slogan_outlet",
    "wire_dateline",
]

STRONG = 2
HEADER = 1
WEAK = 0

#: (reason, strength)
Verdict = tuple[str, int]

#: lines longer than this are never judged whole (cookie notices are the longest furniture)
MAX_RULE_LINE = 700
#: calls to action (subscribe, donate, read more…) are short and a single sentence
MAX_CTA_LINE = 220
#: beyond this, only cookie notices and image datelines are looked for
_LONG_LINE = 260

_APOSTROPHES = re.compile("[’‘`´ʼ]")
_INVISIBLE = re.compile("[\u200b\ufeff\u00ad]")
_EDGES = " .:;,!?…-–—•·|*>›»«<‹→←#\"“”'()[]▶►▸️+"


def norm(line: str) -> str:
    """Rule key of a line: case-folded, apostrophes and spaces unified, edge punctuation off."""
    key = line.casefold()
    if not key.isascii():
        key = _APOSTROPHES.sub("'", key)
        if "\u200b" in key or "\ufeff" in key or "\u00ad" in key:
            key = _INVISIBLE.sub("", key)
        key = " ".join(key.split())  # also folds no-break and thin spaces
    elif "  " in key or "\t" in key:
        key = " ".join(key.split())
    return key.strip(_EDGES)


def _phrases(block: str) -> list[str]:
    return [p.strip() for line in block.split("\n") for p in line.split("|") if p.strip()]


def _keys(reason: str, strength: int, block: str) -> dict[str, Verdict]:
    return {norm(p): (reason, strength) for p in _phrases(block)}


# ---------------------------------------------------------------------------------------------
# whole-line phrases (compared on the normalised key)

_EXACT: dict[str, Verdict] = {}
_EXACT.update(
    _keys(
        "comment-form",
        STRONG,
        """
        Laisser un commentaire | Laissez un commentaire | Ajouter un commentaire
        Poster un commentaire | Écrire un commentaire | Publier un commentaire
        Publier le commentaire | Laisser une réponse | Annuler la réponse | Commenter
        Commentaires | Vos commentaires | Réagir | Réagissez | Réagir à cet article
        Signaler un abus | Signaler un contenu abusif | Leave a comment | Leave a reply
        Add a comment | Post a comment | Post comment | Write a comment | Cancel reply
        Comments | Join the discussion | Join the conversation | Оставить комментарий
        Оставьте комментарий | Добавить комментарий | Комментарии | Комментировать
        Kommentar schreiben | Kommentar verfassen | Kommentare | Einen Kommentar hinterlassen
        Schreibe einen Kommentar | Antworten abbrechen | Deja un comentario
        Dejar un comentario | Deja una respuesta | Comentarios | Comentar
        """,
    )
)
_EXACT.update(
    _keys(
        "subscription",
        STRONG,
        """
        S'abonner | Abonnez-vous | Je m'abonne | S'inscrire | Inscrivez-vous | Inscription
        Newsletter | Newsletters | Inscription à la newsletter | S'inscrire à la newsletter
        Déjà abonné ? | Se connecter | Connexion | Mon compte | Créer un compte | Subscribe
        Subscribe now | Sign up | Sign in | Log in | Login | Register | My account
        Подписаться | Подпишитесь | Подписка | Войти | Регистрация | Abonnieren
        Jetzt abonnieren | Newsletter abonnieren | Anmelden | Registrieren | Suscríbete
        Suscribirse | Suscribirte | Iniciar sesión | Regístrate
        """,
    )
)
_EXACT.update(
    _keys(
        "donation",
        STRONG,
        """
        Faire un don | Faites un don | Je fais un don | Soutenez-nous | Nous soutenir | Donate
        Donate now | Make a donation | Support us | Пожертвовать | Поддержать | Поддержите нас
        Spenden | Jetzt spenden | Unterstützen Sie uns | Donar | Haz una donación | Apóyanos
        """,
    )
)
_EXACT.update(
    _keys(
        "share-tags",
        STRONG,
        """
        Tagged | Tags | Tagged with | Mots-clés | Mots clés | Étiquettes | Keywords | Теги
        Метки | Ключевые слова | Schlagwörter | Schlagworte | Etiquetas | Palabras clave
        Partager | Partagez | Partager cet article | Partagez cet article
        Partager sur Facebook | Partager sur Twitter | Partager sur X | Partager sur LinkedIn
        Partager par e-mail | Envoyer par e-mail | Envoyer à un ami | Copier le lien
        Lien copié | Imprimer | Imprimer cet article | Share | Share this | Share this article
        Share this story | Share on Facebook | Share on Twitter | Copy link | Tweet | Tweeter
        Поделиться | Поделиться в соцсетях | Скопировать ссылку | Teilen | Artikel teilen
        Link kopieren | Drucken | Compartir | Compartir en Facebook | Copiar enlace | Imprimir
        """,
    )
)
_EXACT.update(
    _keys(
        "widget",
        STRONG,
        """
        loader | loading | Loading… | Chargement | Chargement en cours | Chargement…
        Загрузка | Cargando | Wird geladen | Fil d'actu | Fil d'actualité | Fil d'actualités
        Fil info | Le fil info | Dernières infos | Dernières actualités | Les plus lus
        Les plus partagés | Les plus commentés | Most read | Most popular | Trending
        Популярное | Самое читаемое | Самое популярное | Meistgelesen | Lo más leído
        Publicité | Advertisement | Advertising | Sponsored | Sponsorisé | Contenu sponsorisé
        Contenu partenaire | Реклама | Anzeige | Werbung | Publicidad | Voir plus
        Afficher plus | Charger plus | Plus d'articles | Show more | Load more | More stories
        Показать ещё | Mehr laden | Mehr anzeigen | Ver más | Cargar más | Retour en haut
        Haut de page | Back to top | Наверх | Nach oben | Volver arriba
        """,
    )
)
_EXACT.update(
    _keys(
        "read-more",
        STRONG,
        """
        Lire aussi | À lire aussi | A lire aussi | À lire également | Lire la suite
        Lire plus | Voir aussi | À voir aussi | En savoir plus | Pour aller plus loin
        Sur le même sujet | Dans la même rubrique | Articles liés | Articles similaires
        Vous aimerez aussi | Vous pourriez aussi aimer | Read more | Read also | Read next
        See also | Related | Related articles | Related stories | Related content
        More on this story | You may also like | Recommended | Читайте также | Читать далее
        Читать полностью | Подробнее | По теме | Еще по теме | Lesen Sie auch
        Auch interessant | Mehr zum Thema | Weiterlesen | Lee también | Leer más
        Te puede interesar | Noticias relacionadas
        """,
    )
)
_EXACT.update(
    _keys(
        "copyright",
        STRONG,
        """
        Tous droits réservés | All rights reserved | Все права защищены
        Alle Rechte vorbehalten | Todos los derechos reservados | Mentions légales
        Politique de confidentialité | Conditions générales d'utilisation | Privacy policy
        Terms of use | Terms of service | Политика конфиденциальности | Datenschutz
        Datenschutzerklärung | Impressum | Política de privacidad | Aviso legal
        """,
    )
)
# furniture only beside other furniture: a lone "Chat", a button label, a counter
_EXACT.update(
    _keys(
        "widget",
        WEAK,
        """
        Chat | Menu | Fermer | Close | Rechercher | Search | Suivant | Précédent | Next
        Previous | Accueil | Home | Envoyer | Submit | OK | Email | E-mail | Print | Plus
        More | Mehr | Ещё | Más | Vidéo | Video | Photo | Photos | Direct | Live | Audio
        Podcast
        """,
    )
)
_EXACT.update(
    _keys(
        "cookie",
        WEAK,
        """
        Accepter | Tout accepter | Accepter et fermer | J'accepte | Ok, j'accepte | Refuser
        Tout refuser | Continuer sans accepter | Paramétrer | Personnaliser | Accept
        Accept all | I agree | Reject all | Принять | Согласен | Akzeptieren
        Alle akzeptieren | Aceptar | Aceptar todo
        """,
    )
)

#: section labels: furniture among the first lines of a text (``HEADER``)
_SECTIONS = frozenset(
    norm(p)
    for p in _phrases(
        """
    International | Monde | France | Europe | Afrique | Amériques | Asie | Asie-Pacifique
    Moyen-Orient | Proche-Orient | Politique | Économie | Société | Culture | Sport
    Sports | Sciences | Science | Santé | Environnement | Planète | Tech | High-tech
    Médias | Faits divers | Justice | Éducation | Défense | Diplomatie | Géopolitique
    Opinion | Opinions | Idées | Débats | Tribune | Tribunes | Éditorial | Édito | Analyse
    Décryptage | Entretien | Interview | Reportage | Actualité | Actualités | Actu
    À la une | Une | Vidéos | En direct | Breaking news | Brève | Brèves | Flash | World
    News | Politics | Business | Economy | Health | Technology | Environment | Analysis
    Мир | В мире | Политика | Экономика | Общество | Новости | Происшествия | Спорт
    Культура | Наука | Politik | Wirtschaft | Ausland | Inland | Gesellschaft
    Kultur | Wissenschaft | Meinung | Nachrichten | Welt | Internacional | Política
    Economía | Sociedad | Cultura | Deportes | Opinión | Mundo | Noticias
    """
    )
)

_SOCIAL_WORDS = """facebook twitter x whatsapp linkedin telegram email e-mail mail pinterest
reddit messenger vk vkontakte viber flipboard sms imprimer print copier le lien copy link
вконтакте одноклассники ok.ru instagram youtube tiktok threads bluesky mastodon
partager share teilen compartir поделиться"""
_SOCIAL = frozenset(_SOCIAL_WORDS.split())

MONTHS: dict[str, int] = {}
for _num, _names in enumerate(
    [
        "janvier janv jan january января январь янв januar enero ene",
        "février févr fevrier fév fev feb february февраля февраль фев februar febrero",
        "mars mar march марта март мар märz marzo",
        "avril avr apr april апреля апрель апр abril abr",
        "mai may мая май mayo",
        "juin jun june июня июнь июн juni junio",
        "juillet juil jul july июля июль июл juli julio",
        "août aout aug august августа август авг agosto ago",
        "septembre sept sep september сентября сентябрь сент сен septiembre",
        "octobre oct october октября октябрь окт oktober octubre",
        "novembre nov november ноября ноябрь ноя noviembre",
        "décembre déc decembre dec december декабря декабрь дек dezember diciembre dic",
    ],
    start=1,
):
    for _name in _names.split():
        MONTHS[_name] = _num
_MONTH_RX = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))

_WEEKDAYS = (
    "lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday|thursday|"
    "friday|saturday|sunday|понедельник|вторник|среда|четверг|пятница|суббота|воскресенье|"
    "montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|lunes|martes|miércoles|"
    "jueves|viernes|sábado|domingo"
)
_TIME = (
    r"(?:,? ?(?:à|at|в|um|a las|-)? ?\d{1,2}(?:[:h]\d{2})?(?: ?(?:h|hrs?|uhr|am|pm))?"
    r"(?: ?(?:utc|gmt|cet|cest|mez|msk)(?: ?[+-]\d{1,2})?)?)?"
)
#: a date on its own, on a key (case-folded): "12/01/2022", "mercredi 12 janvier 2022"…
_DATE_EXPR = (
    rf"(?:(?:{_WEEKDAYS}),? )?(?:le |the |on |am |el )?"
    rf"(?:\d{{1,2}}[./-]\d{{1,2}}[./-]\d{{2,4}}|\d{{4}}-\d{{2}}-\d{{2}}|"
    rf"\d{{1,2}}(?:er|st|nd|rd|th|\.)? (?:de )?(?:{_MONTH_RX})\.?,? (?:de )?\d{{4}}(?: г\.?)?|"
    rf"(?:{_MONTH_RX})\.? \d{{1,2}}(?:st|nd|rd|th)?,? \d{{4}})"
)
_DATE_ONLY = re.compile(_DATE_EXPR + _TIME)
_PUBLISHED = (
    r"(?:publiée?|mise? à jour|modifiée?|actualisée?|mise? en ligne|posted|published|updated|"
    r"last updated|veröffentlicht|aktualisiert|publicado|actualizado|опубликовано|обновлено|"
    r"дата публикации)"
)
_STAMP = rf"{_PUBLISHED}(?: (?:le|on|am|el))? ?:? ?{_DATE_EXPR}{_TIME}"
# ---------------------------------------------------------------------------------------------
# anchored patterns, looked up by the first word of the key

#: reasons whose lines may hold several sentences (a comment-form notice often does)
_MULTI_SENTENCE_OK = frozenset({"comment-form", "dateline"})
#: first word -> [(pattern, longest key, reason, strength, several sentences allowed)]
_RULES_BY_FIRST: dict[str, list[tuple[re.Pattern[str], int, str, int, bool]]] = {}


def _add(
    reason: str,
    strength: int,
    rules: list[tuple[str, str]],
    max_len: int = MAX_CTA_LINE,
    *,
    multi: bool = False,
) -> None:
    """Register ``(first words, pattern)`` rules; a pattern must match the key from its start.

    A call to action is one sentence that reports nobody's words, unless ``multi`` (a pattern
    anchored on a whole furniture sentence, "Cet article vous est offert. …")."""
    multi = multi or reason in _MULTI_SENTENCE_OK
    for firsts, pattern in rules:
        rx = re.compile(pattern)
        for first in firsts.split():
            _RULES_BY_FIRST.setdefault(first, []).append((rx, max_len, reason, strength, multi))


_ADDRESS = r"(?:adresse (?:e-?mail|électronique|de messagerie|courriel|mail)|e-?mail|courriel)"
_add(
    "comment-form",
    STRONG,
    [
        ("votre", rf"votre {_ADDRESS} ne sera (?:pas|jamais) (?:publiée?|affichée?).*"),
        ("les champs", r"(?:les )?champs obligatoires sont (?:indiqués|marqués|signalés) .*"),
        ("enregistrer", r"enregistrer mon nom,? mon (?:adresse )?e-?mail.*"),
        (
            "pour",
            r"pour (?:participer aux discussions|commenter|réagir|poster un commentaire|laisser "
            r"un commentaire)(?:,| ).*(?:identifiez-vous|connectez-vous|créez-vous un compte|"
            r"inscrivez-vous|abonnez-vous|créez un compte).*",
        ),
        (
            "vous il",
            r"(?:vous devez|il faut) (?:être )?(?:connectée?|inscrite?|abonnée?)s? pour "
            r"(?:commenter|réagir|poster|publier).*",
        ),
        ("les", r"les plus (?:récents|anciens|populaires|appréciés|votés) d'abord.*"),
        ("les", r"les plus (?:récents|anciens|populaires|appréciés|votés)$"),
        ("trier classer", r"(?:trier|classer) par.{0,40}"),
        ("your", r"your email address will not be published.*"),
        ("required", r"required fields are marked.*"),
        ("save", r"save my name,? email.*"),
        ("you", r"you must be logged in to (?:post a )?comment.*"),
        ("newest oldest", r"(?:newest|oldest) first.*"),
        ("sort", r"sort by.{0,40}"),
        ("ваш", r"ваш (?:адрес )?(?:e-?mail|email|электронной почты) не будет опубликован.*"),
        ("обязательные", r"обязательные поля помечены.*"),
        ("сначала", r"сначала (?:новые|старые).*"),
        ("ihre", r"ihre e-mail-adresse wird nicht veröffentlicht.*"),
        ("erforderliche", r"erforderliche felder sind .*"),
        ("tu", r"tu (?:dirección de )?correo electrónico no será publicad[oa].*"),
        ("los", r"los campos obligatorios están marcados.*"),
    ],
)
_add(
    "subscription",
    STRONG,
    [
        (
            "votre",
            r"votre inscription (?:a (?:bien )?été|est) (?:bien )?(?:enregistrée|prise en compte|"
            r"confirmée|validée).*",
        ),
        ("merci", r"merci de (?:cliquer sur le lien|confirmer votre (?:inscription|adresse)).*"),
        ("merci", r"merci pour votre inscription.*"),
        (
            "inscrivez-vous abonnez-vous",
            r"(?:inscrivez-vous|abonnez-vous) (?:à|a|aux) (?:notre|la|nos|les) newsletters?.*",
        ),
        (
            "recevez recevoir",
            r"(?:recevez|recevoir) (?:gratuitement )?(?:notre|la|nos) newsletters?.*",
        ),
        (
            "abonnez-vous suivez-nous",
            r"(?:abonnez-vous|suivez-nous) (?:à|a|sur) (?:notre|nos) (?:chaîne|compte|page|"
            r"canal)s?\b.*",
        ),
        ("abonnez-vous", r"abonnez-vous pour (?:lire|continuer|accéder|ne rien manquer).*"),
        (
            "cet ce la",
            r"(?:cet article|ce contenu|la suite de cet article) est réservée? aux abonnés.*",
        ),
        ("il", r"il vous reste \d+ ?% (?:de cet article|à lire).*"),
        ("déjà", r"déjà abonnée?.{0,60}"),
        (
            "sign subscribe",
            r"(?:sign up|subscribe) (?:to|for) (?:our|the) (?:free |daily |weekly )?"
            r"newsletters?.*",
        ),
        ("subscribe sign", r"(?:subscribe|sign up) to (?:continue|read|keep reading).*"),
        (
            "this",
            r"this (?:article|content) is (?:only )?(?:for|reserved for|available to) "
            r"subscribers.*",
        ),
        ("already", r"already (?:a )?subscriber.{0,60}"),
        ("подпишитесь", r"подпишитесь на (?:наш|нашу|наши|нас|рассылку).*"),
        ("подписывайтесь", r"подписывайтесь на (?:наш|нашу|наши|нас).*"),
        ("abonnieren", r"abonnieren sie (?:unseren|unsere|den).*"),
        ("suscríbete", r"suscríbete (?:a|al) (?:nuestro|nuestra|nuestros|el|la).*"),
    ],
)
_add(
    "donation",
    STRONG,
    [
        ("faites", r"faites un don\b.*"),
        (
            "soutenez soutenir",
            r"(?:soutenez|soutenir) (?:[\w'-]+ ){0,6}(?:en faisant un don|par un don|"
            r"avec un don).*",
        ),
        ("donate make", r"(?:donate|make a donation) (?:to|now|today)\b.*"),
        ("support", r"support (?:us|our (?:work|journalism)|independent journalism)\b.*"),
        ("поддержите поддержать", r"(?:поддержите|поддержать) (?:нас|проект|редакцию|наш).*"),
        ("spenden unterstützen", r"(?:spenden sie|unterstützen sie (?:uns|unsere arbeit)).*"),
        ("haz hacer", r"(?:haz|hacer) una donación.*"),
        ("apoya", r"apoya (?:nuestro|a nuestro|el) periodismo.*"),
    ],
)
# a paywall or an appeal in two sentences: "Cet article vous est offert. Pour soutenir …,
# abonnez-vous au Veilleur …", "Vous aimez L'Écho Solidaire ? Abonnez-vous à notre lettre."
_APPEAL = r"(?:abonnez|abonner|soutenez|soutenir|faites un don|inscrivez|subscribe|support|donate)"
_add(
    "subscription",
    STRONG,
    [
        ("cet", r"cet article vous est (?:offert|proposé gratuitement)\b.*"),
        ("vous", r"vous lisez un article (?:en accès libre|gratuit|offert)\b.*"),
        ("vous", rf"vous (?:aimez|appréciez) [^?.!]{{1,60}} ?\? .*{_APPEAL}.*"),
        ("this", r"this (?:article|story) is free to read\b.*"),
        ("enjoyed", rf"enjoyed (?:this|reading)[^?.!]{{1,60}}\? .*{_APPEAL}.*"),
    ],
    max_len=250,
    multi=True,
)
#: "Lire aussi : <linked headline>": the phrase, then a separator before the headline
_LINK_SEP = r" ?[:>»|.\-–—→/].*"
_SHARE_TARGET = (
    r"(?:facebook|twitter|x|whatsapp|linkedin|telegram|e-?mail|courriel|mail|imprimer|print|"
    r"copier le lien|copy link|pinterest|reddit|messenger|sms|vk|вконтакте|bluesky|threads)"
)
_add(
    "read-more",
    STRONG,
    [
        ("à a lire", rf"(?:(?:à|a) )?lire (?:aussi|également){_LINK_SEP}"),
        ("à a voir", rf"(?:(?:à|a) )?voir (?:aussi|également){_LINK_SEP}"),
        ("read", rf"read (?:more|also|next){_LINK_SEP}"),
        ("see", rf"see also{_LINK_SEP}"),
        ("читайте", rf"читайте (?:также|еще|ещё){_LINK_SEP}"),
        ("lesen", rf"lesen sie (?:auch|mehr){_LINK_SEP}"),
        ("lee", rf"lee (?:también|más){_LINK_SEP}"),
    ],
    max_len=250,
)
_add(
    "share-tags",
    STRONG,
    [
        (
            "tags tag tagged mots-clés mots étiquettes keywords теги метки schlagwörter etiquetas",
            r"(?:tags?|tagged|mots-clés|mots clés|étiquettes|keywords|теги|метки|schlagwörter|"
            r"etiquetas) ?: (?:[^,]{1,60}(?:, ?[^,]{1,60})+|(?:\S+ ?){1,3})$",
        ),
        (
            # "Partager ce billet : Courriel · Imprimer · Copier le lien"
            "partager partagez share поделиться",
            rf"(?:partager|partagez|share|поделиться)(?: (?:ce|cet|cette|this|l'|la) ?[\w-]+)?"
            rf" ?: ?{_SHARE_TARGET}(?: ?[·•|,/-]? ?{_SHARE_TARGET})*$",
        ),
        (
            "partager partagez share teilen compartir поделиться",
            r"(?:partager|partagez|share|teilen|compartir|поделиться) (?:sur|on|via|auf|en|в) "
            r"(?:facebook|twitter|x|whatsapp|linkedin|telegram|вконтакте|vk|e-?mail).*",
        ),
    ],
)
_add(
    "widget",
    STRONG,
    [
        (
            "temps durée",
            r"(?:temps|durée) de lecture ?:? ?(?:\d+|moins d'une?) ?(?:min|minutes?)\b.*",
        ),
        ("lecture", r"lecture ?: ?\d+ ?(?:min|minutes?)\b.{0,20}"),
        ("reading", r"reading time ?:? ?\d+ ?(?:min|minutes?)\b.{0,20}"),
        ("время", r"время (?:чтения|на прочтение) ?:? ?\d+ ?мин.{0,20}"),
        ("lesezeit", r"lesezeit ?:? ?\d+ ?min.{0,20}"),
        ("tiempo", r"tiempo de lectura ?:? ?\d+ ?min.{0,20}"),
    ],
)
_add(
    "dateline",
    STRONG,
    [
        (
            "publié publiée mis mise modifié modifiée actualisé actualisée posted published "
            "updated last veröffentlicht aktualisiert publicado actualizado опубликовано "
            "обновлено дата",
            # "Publié le 17/02/2025 à 08:12 - Mis à jour le 17/02/2025 à 09:30 par X", no more
            rf"{_STAMP}(?: ?[-|–—,/] ?{_STAMP})?(?: (?:par|by|von|por) [^,.;:]{{1,60}})?$",
        ),
        (
            # "Billet publié le 27 février 2025 par Gaspard Lenoir"
            "billet article chronique tribune dépêche post story",
            rf"(?:billet|article|chronique|tribune|dépêche|post|story) {_STAMP}"
            rf"(?: (?:par|by) [^,.;:]{{1,60}})?$",
        ),
    ],
    max_len=160,
)
_add(
    "photo-credit",
    STRONG,
    [
        (
            "photo photos crédit crédits credit credits illustration image фото foto bild "
            "fuente source",
            r"(?:photo|photos|crédits? photos?|crédits?|credits?|illustration|image|фото|foto|"
            r"bild|fuente|source photo) ?(?::|©) ?(?:\S+ ?){1,8}",
        ),
    ],
    max_len=100,
)

_COOKIE = re.compile(
    r"(?:nous utilisons|ce site(?: web| internet)? utilise|notre site utilise|en poursuivant "
    r"(?:votre navigation|sur ce site)|en continuant (?:à naviguer|votre navigation)|"
    r"ce site (?:web )?(?:dépose|emploie)|we use|this (?:web)?site uses|our (?:web)?site uses|"
    r"by continuing to (?:use|browse)|мы используем|этот сайт использует|сайт использует|"
    r"wir verwenden|wir nutzen|diese (?:web)?seite (?:verwendet|nutzt)|diese website "
    r"(?:verwendet|nutzt)|utilizamos|usamos|este sitio(?: web)? (?:utiliza|usa))\b.*"
    r"(?:cookie|куки|traceur)"
    r"|(?:accepter|gérer|paramétrer|refuser|personnaliser|accept|manage|reject) (?:les |tous "
    r"les |all |the )?cookies.{0,40}"
    r"|(?:cookie (?:settings|policy|preferences)|politique (?:de |des |relative aux )?cookies|"
    r"paramètres (?:des )?cookies|gestion des cookies|cookie-einstellungen|"
    r"configuración de cookies).{0,20}"
)
_RIGHTS = re.compile(
    r"(?:.{0,120}[.,;:\-–—|] ?)?(?:tous droits réservés|all rights reserved|все права защищены|"
    r"alle rechte vorbehalten|todos los derechos reservados)(?: ?[.,;:\-–—|].{0,120})?"
)
_COUNTER = re.compile(
    r"\d{1,6}(?: (?:commentaires?|comments?|réactions?|partages?|shares?|vues|views|"
    r"комментари(?:й|я|ев)|kommentare?|comentarios?))?"
)
_READ_TIME = re.compile(r"\d{1,3} ?(?:min|minutes?|мин)\.? (?:read|de lecture|чтения|lesezeit)")
_META_SEGMENT = re.compile(
    r"(?:publié dans|posté dans|posted in|filed under|catégories?|category|categories|rubrique|"
    r"étiquettes|mots-clés|tags?|tagged|keywords|теги|рубрика|kategorie|categoría) ?:? .{1,120}"
    r"|\d{1,6} (?:commentaires?|comments?|réactions?|комментари\w*|kommentare?|comentarios?)"
)
_GENERIC_TLDS_LIST = """com net org info biz name pro int edu gov mil online site website news media
press tv radio fm blog live world today space tech io app xyz club top store shop global africa
paris bzh eus cat swiss berlin moscow"""
_GENERIC_TLDS = frozenset(_GENERIC_TLDS_LIST.split())
_DOMAIN = re.compile(
    r"(?:https?://)?(?:www\.)?((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,12})/?",
    re.IGNORECASE,
)

#: "<caption> - Outlet, 1920, 12.01.2022": the alt text of an image on a news page
_DATELINE = re.compile(
    r"(?:^|(?<=\s))[-–—]\s+(?P<outlet>[^,\-–—\n]{2,60}?),\s*\d{2,4},\s*"
    r"(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})(?:,?\s*(?P<t>\d{1,2}:\d{2}))?$"
)
#: a credit glued to the caption it precedes: "© Agency . Name / Aller dans la banque de photos"
_GLUED_CREDIT = re.compile(
    r"(?:©|\(c\))[^\n]{1,100}?/\s*(?:aller dans la banque de photos|перейти в фотобанк|"
    r"go to the photo bank|go to the mediabank|zur fotodatenbank|ir al banco de fotos|"
    r"ir a la fototeca|ir al banco de imágenes)",
    re.IGNORECASE,
)
_CREDIT_LINKS_LIST = (
    "de du des d' la le les l' von van der den di da y et and & pour for via avec with"
)
_CREDIT_LINKS = frozenset([*_CREDIT_LINKS_LIST.split(), "/", "-", "|", ","])


def _names_someone(stripped: str) -> bool:
    """What follows "Photo :" is a credit: names (capitalised words) and links between them."""
    cut = min((i for i in (stripped.find(":"), stripped.find("©")) if i >= 0), default=-1)
    words = stripped[cut + 1 :].replace("/", " / ").split()
    return bool(words) and all(
        w[0].isupper() or w[0].isdigit() or w[0] in "©(" or w.lower() in _CREDIT_LINKS
        for w in words
    )


_SHORT_CREDIT = re.compile(r"(?:©|\(c\)|copyright\b)\s*.{1,100}", re.IGNORECASE)
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
#: two sentences in one line: punctuation, space, a capital letter or an opening quote
_TWO_SENTENCES = re.compile(r"[.!?…] +[«\"“A-ZÀ-ÖØ-ÞА-ЯЁ]")
#: a reporting clause: someone's words, not the page's
_REPORTING = re.compile(
    r",\s+(?:a|ont|avait|avaient|a-t-(?:il|elle)|selon|explique|expliquait|déclare|estime|"
    r"raconte|ajoute|lance|répète|said|says|told|explains|заявил|заявила|сказал|сказала|sagte|"
    r"dijo)\b"
)
_QUOTE_MARKS = re.compile(r"[«»“”\"]")


def dateline_match(stripped: str) -> re.Match[str] | None:
    """The "- Outlet, 1920, 12.01.2022" dateline that ends a line, if any."""
    if not stripped or not stripped[-1].isdigit() or "," not in stripped:
        return None
    return _DATELINE.search(stripped)


def domain_signature(stripped: str) -> str | None:
    """The domain when the line is only a domain name ("237online.com"), else None."""
    if " " in stripped or "." not in stripped or len(stripped) > 80:
        return None
    m = _DOMAIN.fullmatch(stripped)
    if m is None:
        return None
    domain = m.group(1).lower()
    tld = domain.rsplit(".", 1)[1]
    # "M.Riabkov" or "Colinm.fedmouli"-like slips: a country code or a common generic top level,
    # and no capitals after the first dot (a person's initial glued to a name is capitalised)
    if not (len(tld) == 2 or tld in _GENERIC_TLDS) or any(
        c.isupper() for c in stripped.split(".", 1)[1]
    ):
        return None
    return domain


def credit_prefix(stripped: str) -> int | None:
    """Length of a photo credit glued to the start of a caption line, if there is one."""
    if not stripped or stripped[0] not in "©(":
        return None
    m = _GLUED_CREDIT.match(stripped)
    return m.end() if m else None


def _single_unreported(stripped: str) -> bool:
    return (
        _TWO_SENTENCES.search(stripped) is None
        and _QUOTE_MARKS.search(stripped) is None
        and _REPORTING.search(stripped) is None
    )


def _first_word(stripped: str) -> str:
    """The first word of a line's key, computed from its first characters only."""
    head = stripped[:32].casefold()
    if not head.isascii():
        head = _APOSTROPHES.sub("'", head)
    parts = head.lstrip(_EDGES).split(None, 1)
    return parts[0].rstrip(_EDGES) if parts else ""


def classify_line(stripped: str) -> Verdict | None:
    """Whether a stripped, non-empty line is furniture by the built-in rules, and why.

    Cheap checks first: a body paragraph is turned down after a few substring tests. Verdicts
    on short lines are memoised: templates repeat them from article to article, and the
    metadata and clean stages judge the same header lines.
    """
    n = len(stripped)
    if n > MAX_RULE_LINE:
        return None
    if n <= _LONG_LINE:
        return _classify_short(stripped)
    # a paragraph: only a cookie notice or an image caption's dateline is this long
    if (
        ("ookie" in stripped or "уки" in stripped)
        and _COOKIE.match(norm(stripped))
        and _REPORTING.search(stripped) is None
    ):
        return ("cookie", STRONG)
    m = dateline_match(stripped)
    if m is not None:
        return ("dateline", STRONG) if m.start() == 0 else ("caption", STRONG)
    return None


@lru_cache(maxsize=8192)
def _classify_short(stripped: str) -> Verdict | None:
    n = len(stripped)
    key: str | None = None
    if n <= _MAX_EXACT:
        key = norm(stripped)
        if not key:
            # only punctuation or symbols: a separator, harmless beside furniture
            return ("widget", WEAK)
        hit = _EXACT.get(key)
        if hit is not None:
            return hit
        if key in _SECTIONS and stripped[-1] not in ".?!…":  # "Reportage." is a sentence
            return ("section-label", HEADER)
    first = _first_word(stripped)
    rules = _RULES_BY_FIRST.get(first)
    if rules:
        if key is None:
            key = norm(stripped)
        for rx, max_len, reason, strength, multi in rules:
            # a call to action is one sentence and reports nobody's words
            if (
                len(key) <= max_len
                and rx.match(key)
                and (multi or _single_unreported(stripped))
                and (reason != "photo-credit" or _names_someone(stripped))
            ):
                return reason, strength
    if n <= 60 and _DIGIT.search(stripped) is not None:
        if key is None:
            key = norm(stripped)
        if key[:1].isdigit() and _COUNTER.fullmatch(key):
            return ("widget", WEAK) if key.isdigit() else ("comment-form", STRONG)
        if key[:1].isdigit() and _READ_TIME.fullmatch(key):
            return ("widget", STRONG)
        if stripped[-1] != "." and _DATE_ONLY.fullmatch(key):  # "Le 8 octobre 2016." is said
            return ("dateline", HEADER)
    if (
        ("ookie" in stripped or "уки" in stripped)
        and _COOKIE.match(key or norm(stripped))
        and _REPORTING.search(stripped) is None
    ):
        return ("cookie", STRONG)
    if n <= 200:
        low = key or stripped.casefold()
        if (
            ("reserv" in low or "réserv" in low or "защищ" in low or "vorbehalt" in low)
            and _RIGHTS.fullmatch(key or norm(stripped))
            and _REPORTING.search(stripped) is None
        ):
            return ("copyright", STRONG)
    c = stripped[0]
    if (c == "©" or c == "(" or c in "Cc") and n <= 110 and _SHORT_CREDIT.fullmatch(stripped):
        return ("copyright" if _YEAR.search(stripped) else "photo-credit", STRONG)
    signed = _signature_verdict(stripped, n)
    if signed is not None:
        return signed
    if domain_signature(stripped) is not None:
        return ("signature", STRONG)
    m = dateline_match(stripped)
    if m is not None:
        return ("dateline", STRONG) if m.start() == 0 else ("caption", STRONG)
    if "|" in stripped and n <= 200:
        # "Publié dans Géopolitique | Étiquettes : Valdorie, drone | 4 commentaires"
        segments = [x.strip() for x in (key or norm(stripped)).split("|")]
        if len(segments) >= 2 and any(_META_SEGMENT.fullmatch(x) for x in segments):
            return ("share-tags", STRONG)
        # "Экран-К | Новости | 26 февраля 2025, 14:20", "Вальдорский обозреватель | Мир"
        piped = pipe_line(stripped)
        if piped is not None:
            if piped.date is not None:
                return ("dateline", STRONG)
            return ("signature", STRONG) if piped.name else ("section-label", HEADER)
    if first in _SOCIAL and n <= 120:
        words = (key or norm(stripped)).replace("|", " ").replace(",", " ").replace("/", " ")
        parts = words.split()
        if len(parts) >= 2 and all(w in _SOCIAL for w in parts):
            return ("share-tags", STRONG)
    return None


#: exact phrases and section labels are short; a little room for bullets and punctuation
_MAX_EXACT = max(len(k) for k in (*_EXACT, *_SECTIONS)) + 12
_DIGIT = re.compile(r"\d")


# ---------------------------------------------------------------------------------------------
# lines that name the outlet, the agency a text comes from or its author

_UP = "A-ZÀ-ÖØ-ÞА-ЯЁ"
#: an outlet or agency name: capitalised words and the links between them ("Le Courrier de
#: Brennisk", "Actu-Monde Direct", "РИА Новости", "Horizon Info 24")
_NAME_PHRASE = (
    rf"[{_UP}0-9][\w'’.&\-]*(?: (?:[{_UP}0-9][\w'’.&\-]*|de|du|des|la|le|les|del|di|of|the|and|"
    rf"et|d['’][{_UP}][\w\-]*|l['’][{_UP}][\w\-]*)){{0,5}}"
)
_AGENCY = rf"[{_UP}][\w'’&\-]*\.?(?: [{_UP}0-9][\w'’&\-]*\.?){{0,3}}"
_NAME_LINKS = frozenset(["de", "du", "des", "la", "le", "les", "del", "di", "of", "the", "and"])


class WireDateline(NamedTuple):
    """ "KORVANSK, 11 février (Telekar) – …": where, when (year may be missing), which agency,
    and ``end``, where the dispatch's own text starts in the line."""

    place: str
    day: int | None
    month: int | None
    year: int | None
    agency: str | None
    end: int


_W_PLACE = re.compile(
    rf"([{_UP}][\w'’.\-]*(?: [{_UP}][\w'’.\-]*){{0,3}})(?: \([^()]{{1,30}}\)(?=,))?"
)
_W_DATE = re.compile(
    rf"[,.] (?:(?i:{_WEEKDAYS}) )?(?:(?P<d>\d{{1,2}})(?:er|\.)? (?P<m>(?i:{_MONTH_RX}))(?!\w)|"
    rf"(?P<m2>(?i:{_MONTH_RX}))(?!\w)\.? (?P<d2>\d{{1,2}})(?!\d))\.?(?:,? (?P<y>(?:19|20)\d{{2}}))?"
    r"(?!\d)\.?"
)
_W_AGENCY = re.compile(rf" (?:\((?P<a>{_AGENCY})\)|/(?P<b>{_AGENCY})/\.?)")
_W_DASH_AGENCY = re.compile(rf" ?[-–—] (?P<a>{_AGENCY})[.,](?: |$)")
_W_DASH = re.compile(r" ?[-–—](?: |$)|$")
_W_AFTER_PLACE = frozenset([", ", ". ", " (", " /"])
_W_WORDS = re.compile(r"[\s'’\-]+")


def wire_dateline(stripped: str) -> WireDateline | None:
    """The wire dateline that opens a line: "KORVANSK, 11 février (Telekar) – ",
    "BRENNISK, 25 fév 2025 (Estafette) - ", "PARIS (AFP) - ", "LONDON, Jan 12 (Reuters) - ",
    "Москва, 26 февраля — РИА Новости. ", "МОСКВА, 12 января. /ТАСС/. ".

    The place is in capitals, or capitalised when a date and an agency follow; a date or an
    agency must follow it, then a dash, the end of the line, or (after "— Agency") a full
    stop."""
    if len(stripped) < 8 or not stripped[0].isupper():
        return None
    p = _W_PLACE.match(stripped)
    if p is None:
        return None
    pos = p.end()
    if stripped[pos : pos + 2] not in _W_AFTER_PLACE:  # most sentences end here
        return None
    place = p.group(1)
    caps = place.upper() == place and len(_LETTER.findall(place)) >= 3
    if not caps and any(w[0].islower() for w in _W_WORDS.split(place) if w):
        return None  # "L'essentiel ANIMAUX …": not a place name
    day = month = year = None
    d = _W_DATE.match(stripped, pos)
    if d is not None:
        day = int(d.group("d") or d.group("d2"))
        month = MONTHS.get((d.group("m") or d.group("m2")).lower())
        year = int(d.group("y")) if d.group("y") else None
        pos = d.end()
    agency = None
    a = _W_AGENCY.match(stripped, pos)
    if a is not None:
        agency = a.group("a") or a.group("b")
        pos = a.end()
        if a.group("b") and stripped[pos - 1] == ".":  # "МОСКВА, 12 января. /ТАСС/. Текст"
            return WireDateline(place, day, month, year, agency, min(pos + 1, len(stripped)))
    elif d is not None:
        a = _W_DASH_AGENCY.match(stripped, pos)
        if a is not None:
            return WireDateline(place, day, month, year, a.group("a"), a.end())
    if d is None and (agency is None or not caps):
        return None  # "PARIS (AFP) - …", but "Abbeville (Somme)" names a region
    if not caps and agency is None:
        return None
    dash = _W_DASH.match(stripped, pos)
    if dash is None:
        return None
    return WireDateline(place, day, month, year, agency, dash.end())


_COPY_SIGN = re.compile(r"©|\(c\)(?= )|\bcopyright\b", re.IGNORECASE)
_RIGHTS_PHRASE = re.compile(
    r"(?i:tous droits réservés|all rights reserved|все права защищены|alle rechte vorbehalten|"
    r"todos los derechos reservados)"
)
_NOTICE_WORDS = re.compile(
    r"(?i:reproduction|reproduit|reprinted|reproduced|republished|droits|rights|source|"
    r"перепечат|цитирован|использован|nachdruck|reproducción|copyright)"
)
#: cheap test before the notice's patterns: a sign, a word or a rights phrase's stem
_NOTICE_HINTS = ("©", "(c)", "(C)", "pyright", "PYRIGHT", "serv", "SERV", "ащищ", "АЩИЩ", "ehalt")
_YEARS = re.compile(r"(?<!\d)(?:19|20)\d{2}(?:\s*[-–]\s*(?:19|20)\d{2})?(?!\d)")
#: "Экран-К. Все права защищены.", "Le Courrier de Brennisk – Tous droits réservés"
_HOLDER_BEFORE_RIGHTS = re.compile(rf"({_NAME_PHRASE})\s*[.,:;|–—-]\s*{_RIGHTS_PHRASE.pattern}")


class Copyright(NamedTuple):
    """A copyright line: its holder, if named, and whether it is certainly a copyright notice
    (a year, a rights phrase or a reproduction notice) rather than a bare "© Agency" credit."""

    holder: str | None
    certain: bool


def copyright_notice(stripped: str) -> Copyright | None:
    """The line as a copyright notice: "© Telekar 2025", "Reproduction autorisée avec mention de
    la source. © Telekar 2025", "© Le Courrier de Brennisk – Tous droits réservés",
    "Copyright © 2022 Le Monde. All rights reserved.", "© РИА Новости"."""
    if len(stripped) > 200:
        return None
    if not any(hint in stripped for hint in _NOTICE_HINTS):
        return None
    m = _COPY_SIGN.search(stripped)
    if m is None:
        h = _HOLDER_BEFORE_RIGHTS.match(stripped)
        return Copyright(h.group(1).strip(), True) if h is not None else None
    lead = stripped[: m.start()].strip()
    if lead and not (
        len(lead) <= 140 and lead[-1] in ".!:|–—-" and _NOTICE_WORDS.search(lead) is not None
    ):
        return None
    body = stripped[m.end() :]
    if "/" in body:  # "© Agency . Photographer / Aller dans la banque de photos"
        return None
    certain = bool(lead) or m.group(0).lower() == "copyright"
    body = body.lstrip(" ©:")
    if _YEARS.search(body):
        certain = True
        body = _YEARS.sub(" ", body)
    r = _RIGHTS_PHRASE.search(body)
    if r is not None:
        certain = True
        body = body[: r.start()]
    # the holder ends at the first separator: "Le Monde. Tous…", "Sputnik . Ilya Pitalev"
    name = re.split(r"\s[.|–—-]\s|[.,;|]\s|\s\.", " ".join(body.split()) + " ", maxsplit=1)[0]
    name = name.strip(" .,;:|–—-")
    if not name or len(name) > 50 or len(name.split()) > 6 or not any(c.isalpha() for c in name):
        return Copyright(None, certain)
    return Copyright(name, certain)


_OUTLET_WORDS = re.compile(
    r"(?i:\b(?:l['’])?(?:actualités?|actus?|infos?|informations?|journal|quotidien|"
    r"hebdomadaire|hebdo|magazine|mensuel|radio|télévision|chaîne|médias?|presse|news|"
    r"newspaper|daily|weekly|since|depuis|every|chaque|новости|газета|журнал|издание|"
    r"ежедневн\w*|каждый|nachrichten|zeitung|täglich|seit|noticias|periódico|diario|desde)\b)"
)
_SLOGAN = re.compile(rf"(?P<name>{_NAME_PHRASE}) [—–|-] (?P<tag>[^|—–]{{8,170}})")


def slogan_outlet(stripped: str) -> str | None:
    """The outlet of a closing slogan, "<Name> — <what the outlet is>": "Méridie Soir —
    l'actualité de Port-Selve et de toute la Méridie, chaque soir depuis 1952.". The
    description starts in lower case and speaks of news, a paper, a channel or a date."""
    if len(stripped) > 220 or not (stripped[0].isupper() or stripped[0].isdigit()):
        return None
    if not (" — " in stripped or " – " in stripped or " - " in stripped or " | " in stripped):
        return None
    m = _SLOGAN.fullmatch(stripped)
    if m is None or _OUTLET_WORDS.search(m.group("tag")) is None:
        return None
    name = m.group("name")
    if len(name) > 40 or name.split()[-1].lower() in _NAME_LINKS:
        return None
    key = norm(name)
    if key in _EXACT or key in _SECTIONS:  # "Vidéos - Politique sur TF1 INFO."
        return None
    if not m.group("tag")[0].islower():
        return None  # "PRATIQUE - Chaque soir, le JT…": a kicker and a sentence, "Paris — Lyon"
    return name


class PipeLine(NamedTuple):
    """A header or footer line of segments: "Экран-К | Новости | 26 февраля 2025, 14:20"."""

    name: str | None
    date: str | None


_PIPE_TIME = re.compile(
    r"(?:(?:mis à jour|mise à jour|màj|maj|actualisé|updated|обновлено|aktualisiert|"
    r"actualizado)(?: (?:le|à|at|в|um|a las))? ?:? ?)?(?:(?:à|at|в|um) )?\d{1,2} ?[h:] ?\d{2}"
    r"(?: ?(?:h|utc|gmt|cet|msk))?"
)


def pipe_line(stripped: str) -> PipeLine | None:
    """Segments separated by "|" that are a date, a time, section labels and at most one name,
    the first: "14 février 2025 | Mis à jour à 16 h 20", "Вальдорский обозреватель | Новости
    | Мир"."""
    if len(stripped) > 160:
        return None
    parts = [x.strip() for x in stripped.split("|")]
    if not 2 <= len(parts) <= 5:
        return None
    name = date = None
    labels = 0
    for i, part in enumerate(parts):
        key = norm(part)
        if not key or len(part) > 60:
            return None
        if date is None and key[-1:].isdigit() and _DATE_ONLY.fullmatch(key):
            date = part
        elif key[-1:].isdigit() and _PIPE_TIME.fullmatch(key):
            continue
        elif key in _SECTIONS:
            labels += 1
        elif (
            i == 0
            and (part[0].isupper() or part[0].isdigit())
            and len(part.split()) <= 5
            and part[-1] not in _TERMINAL
        ):
            name = part
        else:
            return None
    if date is None and not labels:
        return None
    return PipeLine(name, date)


class Byline(NamedTuple):
    """Who signs: people, or a newsroom that names its outlet ("Par la rédaction d'X")."""

    authors: list[str]
    outlet: str | None


_NAME_TOKEN = rf"[{_UP}][\w'’\-]*\.?"
_PARTICLES = r"(?:de|du|des|de la|del|della|van|von|der|den|da|di|dos|das|le|la|ben|bin|ter)"
_PERSON = rf"{_NAME_TOKEN}(?: (?:{_PARTICLES} )?{_NAME_TOKEN}){{1,3}}"
_BY = r"(?i:par|by|von|por|автор|текст|auteur|author)"
_BYLINE = re.compile(
    rf"{_BY} ?:? (?P<names>{_PERSON}(?:(?:,| (?i:et|and|und|y|и)| ?&) {_PERSON}){{0,3}})"
    rf"(?:,? (?i:in|à|au|en|в|aus|from|depuis|de) [{_UP}][\w'’\-]*(?: [{_UP}][\w'’\-]*){{0,2}}"
    r"|, [^«»\"“”.!?,:;]{1,50})?\.?"
)
_DESK = re.compile(
    r"(?i:par|by|from) (?i:la rédaction|l['’]équipe|le service \w+|the newsroom|the staff|"
    rf"the editors) ?(?i:de |d['’]|du |des |of )(?P<outlet>{_NAME_PHRASE})\.?"
)
_BY_START = re.compile(r"(?i:par|by|von|por|автор|текст|auteur|author)(?![\w'’-])")
_NAME_SPLIT = re.compile(r",\s*|\s+(?:et|and|und|y|и)\s+|\s*&\s*")


def byline(stripped: str) -> Byline | None:
    """A byline line: "Par Milan Hrubec", "Par Léa Marchal, envoyée spéciale à Vrenica", "By
    Hannah Weir and Luc Tessier in Port-Selve", "Par la rédaction d'Actu-Monde Direct"."""
    if len(stripped) > 110 or _BY_START.match(stripped) is None:
        return None
    d = _DESK.fullmatch(stripped)
    if d is not None:
        return Byline([], d.group("outlet"))
    m = _BYLINE.fullmatch(stripped)
    if m is None:
        return None
    names = [x.strip() for x in _NAME_SPLIT.split(m.group("names")) if x.strip()]
    return Byline(names, None)


_CREDIT_LINE = re.compile(
    r"\((?P<with>(?i:avec|with|mit|con|с|source|sources|d['’]après) ?:? )?"
    rf"(?P<names>{_AGENCY}(?:(?:,| et| and| y| и| &|/) ?{_AGENCY}){{0,3}})\)"
)
_DESK_INITIALS = re.compile(r"[a-z]{2,4}(?:/[a-z]{2,4}){1,5}")


def agency_credit(stripped: str) -> tuple[list[str], bool] | None:
    """A line that only credits agencies: "(Telekar)", "(avec Estafette)", "(with Reuters)";
    the names, and whether the credit says "with"."""
    if len(stripped) > 80 or stripped[0] != "(" or stripped[-1] != ")":
        return None
    m = _CREDIT_LINE.fullmatch(stripped)
    if m is None:
        return None
    names = [x.strip() for x in re.split(r",|/| et | and | y | и | & ", m.group("names"))]
    return [x for x in names if x], m.group("with") is not None


_APPEAL_OUTLET = re.compile(
    r"(?i:faites un don|faire un don|abonnez-vous|abonne-toi|s['’]abonner|soutenez|soutenir|"
    r"subscribe|support|donate|vous aimez|vous appréciez)"
    rf"(?: (?P<prep>(?i:au|aux|à la|à l['’]|à|to)))? ?(?P<name>{_NAME_PHRASE})"
)


def appeal_outlet(stripped: str) -> str | None:
    """The outlet an appeal names: "Faites un don au Journal Chrétien", "Soutenez Le Veilleur",
    "abonnez-vous au Veilleur" (→ "Le Veilleur": a one-word name gets back its article),
    "Vous aimez L'Écho Solidaire ?"."""
    for m in _APPEAL_OUTLET.finditer(stripped):
        words = m.group("name").rstrip(".'’ ").split()
        while words and words[-1].lower() in _NAME_LINKS:
            words.pop()
        if not words:
            continue
        name = " ".join(words)
        prep = (m.group("prep") or "").lower()
        # "au Veilleur" is "Le Veilleur"; a longer name seldom carries the article ("au
        # Journal Chrétien", "au Courrier international")
        if prep == "au" and len(words) == 1:
            name = "Le " + name
        elif prep == "aux" and len(words) == 1:
            name = "Les " + name
        elif prep.startswith("à l"):
            article = m.group("prep")[2:]
            name = article[0].upper() + article[1:] + ("" if article[-1] in "'’" else " ") + name
        return name
    return None


def desk_initials(stripped: str) -> bool:
    """Wire editors' initials that close a dispatch: "mh/jv/lp"."""
    return len(stripped) <= 30 and _DESK_INITIALS.fullmatch(stripped) is not None


def _signature_verdict(stripped: str, n: int) -> Verdict | None:
    """Bylines, closing slogans, agency credits, desk initials, wire datelines alone on a line
    and copyright notices after a reproduction notice."""
    c = stripped[0]
    if n <= 110 and byline(stripped) is not None:
        return ("byline", HEADER)
    if c == "(":
        if agency_credit(stripped) is not None:
            return ("signature", WEAK)
    elif c.islower():
        if desk_initials(stripped):
            return ("signature", WEAK)
        return None
    if "©" in stripped and c != "©":
        notice = copyright_notice(stripped)
        if notice is not None and notice.certain:
            return ("copyright", STRONG)
    if slogan_outlet(stripped) is not None:
        return ("signature", WEAK)
    if n <= 90 and ("," in stripped or "(" in stripped):
        w = wire_dateline(stripped)
        if w is not None and w.end >= n:
            return ("dateline", HEADER)
    return None


# ---------------------------------------------------------------------------------------------
# scripts

_SCRIPTS: dict[str, re.Pattern[str]] = {
    "Latn": re.compile(r"[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff]"),
    "Cyrl": re.compile(r"[\u0400-\u052f\u1c80-\u1c8f\ua640-\ua69f]"),
    "Grek": re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]"),
    "Arab": re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]"),
    "Hebr": re.compile(r"[\u0590-\u05ff]"),
    "Hani": re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]"),
    "Deva": re.compile(r"[\u0900-\u097f]"),
    "Thai": re.compile(r"[\u0e00-\u0e7f]"),
    "Armn": re.compile(r"[\u0530-\u058f]"),
    "Geor": re.compile(r"[\u10a0-\u10ff]"),
}
_NON_LATIN = re.compile(
    r"[\u0370-\u03ff\u0400-\u052f\u0530-\u06ff\u0750-\u077f\u0900-\u097f\u0e00-\u0e7f"
    r"\u10a0-\u10ff\u1c80-\u1c8f\u1f00-\u1fff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff"
    r"\ua640-\ua69f\uac00-\ud7af\ufb50-\ufdff\ufe70-\ufeff]"
)


_LETTER = re.compile(r"[^\W\d_]")


def scripts_in(text: str) -> dict[str, int] | None:
    """Letters per script in ``text`` (Latin estimated); None when all are Latin."""
    if _NON_LATIN.search(text) is None:
        return None
    foreign = "".join(_NON_LATIN.findall(text))
    others = len(foreign)
    # letters are most of a text's characters: when few are foreign, the rest is mostly Latin
    latin = len(text) - others if others * 3 < len(text) else len(_SCRIPTS["Latn"].findall(text))
    counts = {"Latn": latin}
    for name, rx in _SCRIPTS.items():
        if name != "Latn" and others > 0:
            found = len(rx.findall(foreign))
            if found:
                counts[name] = found
                others -= found
    return {k: v for k, v in counts.items() if v}


def main_script(counts: dict[str, int]) -> str | None:
    return max(counts, key=counts.__getitem__) if counts else None


def foreign_script(stripped: str, article_script: str) -> bool:
    """A short line without sentence punctuation, written in a script not the article's."""
    if len(stripped) > 80 or stripped[-1] in '.!?…»"”:;':
        return False
    total = len(_LETTER.findall(stripped))
    if total < 3:
        return False
    if article_script == "Latn":
        own = total - len(_NON_LATIN.findall(stripped))
    else:
        own = len(_SCRIPTS[article_script].findall(stripped))
    return own * 5 <= total


# ---------------------------------------------------------------------------------------------
# shapes of header lines

_TERMINAL = '.!?:;,…»"”'


def looks_like_tag(stripped: str) -> bool:
    """A short label: one or two words, no digits, no sentence punctuation at its end."""
    if not stripped or len(stripped) > 40 or stripped[-1] in _TERMINAL:
        return False
    if any(c.isdigit() for c in stripped):
        return False
    return 1 <= len(stripped.split()) <= 2 and (stripped[0].isupper() or stripped[0] == "#")


def looks_like_title(stripped: str) -> bool:
    """A headline: four words or more, not too long, not ended like a body sentence."""
    if not stripped or len(stripped) > 250:
        return False
    if stripped[-1] in ".:;," and not stripped.endswith("..."):
        return False
    return 4 <= len(stripped.split()) <= 40
