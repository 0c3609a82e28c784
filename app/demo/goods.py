"""The demo's curated catalogue: what each stand sells, in French, Arabic and English.

A stand sells a few product lines of its craft; a line comes in sizes or colours, each one
product with its own price (a 1 l bottle costs more than a 250 ml one). Titles are unique within a
stand, every product shows the scene of what it is (`photos.LOOKS`), prices are what such a piece
sells for in Morocco (MAD) and stock is what a workshop keeps (one of each carpet, forty jars of
honey). Product `index` is always the same product, so a larger run only tops the catalogue up.
"""
from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass
from functools import cache

from app.catalog.models import ListingStatus
from app.demo.data import BENEFICIARY_SUPPLIER, CATEGORIES, CITIES, SUPPLIERS, SupplierSeed

T = tuple[str, str, str]  # (fr, ar, en)


@dataclass(frozen=True)
class Line:
    category: str
    title: T
    text: T
    options: tuple[tuple[T, int, str], ...]  # (size or colour, price in MAD, look); titles "<title> <option>"
    stock: tuple[int, int]  # what a workshop keeps of each


def L(category: str, title: T, text: T, stock: tuple[int, int], *options: tuple[T, int, str]) -> Line:
    return Line(category, title, text, options, stock)


TERROIR, SPICES, POTTERY, CARPETS, TEXTILES = ("argan-et-terroir", "epices-et-cosmetiques", "poterie-et-ceramique",
                                               "tapis", "textiles")
LEATHER, BASKETS, JEWELS, WOOD = "cuir", "vannerie", "bijoux", "bois-et-thuya"
ML250, ML500, L1 = ("250 ml", "250 مل", "250 ml"), ("500 ml", "500 مل", "500 ml"), ("1 l", "1 ل", "1 l")
ML100, ML50 = ("100 ml", "100 مل", "100 ml"), ("50 ml", "50 مل", "50 ml")
G100, G250, G500 = ("100 g", "100 غ", "100 g"), ("250 g", "250 غ", "250 g"), ("500 g", "500 غ", "500 g")
KG1, G1, G5 = ("1 kg", "1 كغ", "1 kg"), ("1 g", "1 غ", "1 g"), ("5 g", "5 غ", "5 g")
BLUE, GREEN, EARTH = ("bleu de Fès", "بالأزرق الفاسي", "Fez blue"), (
    "vert de Tamegroute", "بالأخضر التامكروتي", "Tamegroute green"), ("terre rouge", "بالطين الأحمر", "red clay")
SMALL, LARGE = ("petit modèle", "حجم صغير", "small"), ("grand modèle", "حجم كبير", "large")
ONE: T = ("", "", "")


def _spice(key: str, fr: str, ar: str, en: str, text: T, p100: int) -> Line:
    return L(SPICES, (fr, ar, en), text, (12, 40), (G100, p100, f"epice-{key}"), (G250, p100 * 2 + 5, f"epice-{key}"),
             (G500, p100 * 4, f"epice-{key}"))


LINES: dict[str, Line] = {
    "argan-culinaire": L(TERROIR, ("Huile d'argan alimentaire", "زيت أركان غذائي", "Culinary argan oil"),
                         ("Pressée à froid à partir d'amandons torréfiés, au goût de noisette.",
                          "معصور على البارد من لوز محمص، بنكهة البندق.",
                          "Cold pressed from roasted kernels, with a hazelnut taste."), (10, 30),
                         (ML250, 130, "huile-argan"), (ML500, 240, "huile-argan"), (L1, 450, "huile-argan-trio")),
    "argan-cosmetique": L(TERROIR, ("Huile d'argan cosmétique", "زيت أركان تجميلي", "Cosmetic argan oil"),
                          ("Pour la peau et les cheveux, pure et sans parfum ajouté.",
                           "للبشرة والشعر، نقي ودون عطر مضاف.", "For skin and hair, pure with no added scent."),
                          (10, 30), (ML50, 90, "huile-argan"), (ML100, 160, "huile-argan")),
    "huile-olive": L(TERROIR, ("Huile d'olive vierge extra", "زيت زيتون بكر ممتاز", "Extra virgin olive oil"),
                     ("Olives picholines cueillies à la main et pressées le jour même.",
                      "زيتون البيشولين مقطوف باليد ومعصور في اليوم نفسه.",
                      "Picholine olives picked by hand and pressed the same day."), (10, 40),
                     (ML500, 75, "huile-olive"), (L1, 130, "huile-olive")),
    "amlou": L(TERROIR, ("Amlou aux amandes", "أملو باللوز", "Almond amlou"),
               ("Amandes grillées, huile d'argan et miel, à tartiner au petit-déjeuner.",
                "لوز محمص وزيت أركان وعسل، يُدهن في الفطور.",
                "Roasted almonds, argan oil and honey, spread at breakfast."), (8, 30),
               (G250, 85, "amlou"), (G500, 160, "amlou")),
    "miel-thym": L(TERROIR, ("Miel de thym", "عسل الزعتر", "Thyme honey"),
                   ("Miel de montagne de l'Anti-Atlas, épais et parfumé.", "عسل جبلي من الأطلس الصغير، كثيف وعطر.",
                    "Mountain honey from the Anti-Atlas, thick and fragrant."), (6, 25),
                   (G250, 120, "miel"), (G500, 220, "miel")),
    "miel-jujubier": L(TERROIR, ("Miel de jujubier", "عسل السدر", "Jujube honey"),
                       ("Un miel rare et sombre, récolté à la fin de l'été.", "عسل نادر داكن يُجنى في آخر الصيف.",
                        "A rare dark honey, harvested at the end of summer."), (4, 15),
                       (G250, 180, "miel"), (G500, 340, "miel")),
    "safran": L(TERROIR, ("Safran de Taliouine", "زعفران تالوين", "Taliouine saffron"),
                ("Pistils séchés à l'ombre, appellation d'origine protégée.", "مياسم مجففة في الظل، تسمية منشأ محمية.",
                 "Threads dried in the shade, protected designation of origin."), (10, 40),
                (G1, 45, "safran"), (G5, 200, "safran")),
    "dattes-mejhoul": L(TERROIR, ("Dattes Mejhoul", "تمر المجهول", "Medjool dates"),
                        ("Grosses dattes moelleuses de la palmeraie, sans traitement.",
                         "تمور كبيرة طرية من الواحة، دون معالجة.", "Large soft dates from the palm grove, untreated."),
                        (10, 40), (G500, 80, "dattes"), (KG1, 150, "dattes")),
    "dattes-boufeggous": L(TERROIR, ("Dattes Boufeggous", "تمر بوفقوس", "Boufeggous dates"),
                           ("Dattes fondantes du Drâa, à la peau fine.", "تمور ذائبة من درعة، رقيقة القشرة.",
                            "Melting dates from the Draa, with a thin skin."), (10, 40), (KG1, 90, "dattes")),
    "ras-el-hanout": _spice("ras-el-hanout", "Ras el hanout", "رأس الحانوت", "Ras el hanout",
                            ("Le mélange de la maison, vingt épices moulues au mortier.",
                             "خلطة الدار، عشرون نوعا من التوابل مطحونة في المهراز.",
                             "The house blend, twenty spices ground in a mortar."), 35),
    "cumin": _spice("cumin", "Cumin moulu", "كمون مطحون", "Ground cumin",
                    ("Cumin de Tafilalet, moulu chaque semaine.", "كمون تافيلالت يُطحن كل أسبوع.",
                     "Tafilalet cumin, ground every week."), 25),
    "paprika": _spice("paprika", "Paprika doux", "فلفل أحمر حلو", "Sweet paprika",
                      ("Piments séchés au soleil et moulus finement.", "فلفل مجفف في الشمس ومطحون ناعما.",
                       "Sun-dried peppers, finely ground."), 20),
    "curcuma": _spice("curcuma", "Curcuma", "الخرقوم", "Turmeric",
                      ("Pour la couleur dorée des tajines et de la harira.", "للون الذهبي في الطواجين والحريرة.",
                       "For the golden colour of tajines and harira."), 22),
    "gingembre": _spice("gingembre", "Gingembre moulu", "سكين جبير مطحون", "Ground ginger",
                        ("Indispensable au tajine de poulet aux citrons confits.",
                         "لا غنى عنه في طاجين الدجاج بالحامض المرقد.",
                         "A must in chicken tajine with preserved lemons."), 28),
    "cannelle": _spice("cannelle", "Cannelle", "القرفة", "Cinnamon",
                       ("Pour la pastilla et le couscous tfaya.", "للبسطيلة والكسكس بالتفاية.",
                        "For pastilla and couscous tfaya."), 30),
    "poivre": _spice("poivre", "Poivre noir", "الإبزار الأسود", "Black pepper",
                     ("Grains concassés au moment de l'emballage.", "حبوب مدقوقة عند التعبئة.",
                      "Cracked when packed."), 30),
    "menthe": L(SPICES, ("Menthe séchée", "نعناع مجفف", "Dried mint"),
                ("Menthe nanah séchée à l'ombre, pour le thé.", "نعناع مجفف في الظل، للشاي.",
                 "Nanah mint dried in the shade, for tea."), (12, 40), (G100, 25, "epice-menthe")),
    "coffret-epices": L(SPICES, ("Coffret de six épices", "علبة ست توابل", "Box of six spices"),
                        ("Cumin, paprika, curcuma, ras el hanout, gingembre et cannelle en bocaux.",
                         "كمون وفلفل أحمر وخرقوم ورأس الحانوت وسكين جبير وقرفة في برطمانات.",
                         "Cumin, paprika, turmeric, ras el hanout, ginger and cinnamon in jars."), (4, 12),
                        (ONE, 180, "epices-coffret")),
    "eau-de-rose": L(SPICES, ("Eau de rose du Dadès", "ماء ورد دادس", "Dades rose water"),
                     ("Distillée dans un alambic de cuivre, pour la peau et la pâtisserie.",
                      "مقطر في قطارة نحاسية، للبشرة والحلويات.",
                      "Distilled in a copper still, for skin and pastry."), (10, 30),
                     (ML250, 45, "eau-de-rose"), (ML500, 80, "eau-de-rose")),
    "savon-noir": L(SPICES, ("Savon noir à l'eucalyptus", "صابون بلدي بالأوكالبتوس", "Black soap with eucalyptus"),
                    ("Pâte d'olive pour le gommage du hammam.", "عجينة الزيتون لتقشير الحمام.",
                     "Olive paste for the hammam scrub."), (10, 30),
                    (G250, 40, "savon-noir"), (G500, 70, "savon-noir")),
    "ghassoul": L(SPICES, ("Ghassoul aux sept plantes", "غاسول بسبع أعشاب", "Seven-herb ghassoul"),
                  ("Argile de l'Atlas pour les cheveux et la peau.", "طين الأطلس للشعر والبشرة.",
                   "Atlas clay for hair and skin."), (10, 30), (G250, 35, "ghassoul")),
    "savon-beldi": L(SPICES, ("Savon à l'huile d'olive", "صابون بزيت الزيتون", "Olive oil soap"),
                     ("Saponifié à froid et séché six semaines.", "مصنوع على البارد ومجفف ستة أسابيع.",
                      "Cold process, cured for six weeks."), (10, 40), (("trois pains", "ثلاث قطع", "three bars"), 60,
                                                                        "savon-beldi")),
    "tajine-cuisson": L(POTTERY, ("Tajine de cuisson", "طاجين للطهي", "Cooking tajine"),
                        ("Terre tournée à la main, pour le feu doux ou la braise.",
                         "طين مصنوع باليد، للنار الهادئة أو الجمر.", "Hand-thrown clay for a low flame or embers."),
                        (2, 8), (EARTH, 160, "tajine-terre"), (LARGE, 240, "tajine-terre")),
    "tajine-service": L(POTTERY, ("Tajine de service", "طاجين للتقديم", "Serving tajine"),
                        ("Émaillé et peint au pinceau fin, pour présenter les plats à table.",
                         "مطلي ومرسوم بفرشاة رقيقة لتقديم الأطباق على المائدة.",
                         "Glazed and painted with a fine brush, to bring dishes to the table."), (1, 6),
                        (BLUE, 320, "tajine-bleu"), (GREEN, 290, "tajine-vert")),
    "plat": L(POTTERY, ("Plat à couscous", "صحن الكسكس", "Couscous dish"),
              ("Un grand plat creux, peint d'une étoile au centre.", "صحن كبير عميق، مرسوم بنجمة في الوسط.",
               "A large deep dish painted with a star in the middle."), (1, 6),
              (BLUE, 280, "plat-bleu"), (GREEN, 260, "plat-vert"), (EARTH, 190, "plat-terre")),
    "jarre": L(POTTERY, ("Jarre", "جرة", "Jar"),
               ("La terre poreuse garde l'eau fraîche tout l'été.", "الطين المسامي يحفظ الماء باردا طوال الصيف.",
                "The porous clay keeps water cool all summer."), (1, 4),
               (BLUE, 420, "jarre-bleu"), (GREEN, 390, "jarre-vert"), (EARTH, 260, "jarre-terre")),
    "zellige": L(POTTERY, ("Panneau de zellige", "لوحة زليج", "Zellige panel"),
                 ("Tesselles taillées au marteau et posées une à une, 40 × 60 cm.",
                  "قطع منحوتة بالمطرقة ومرصوفة واحدة واحدة، 40 × 60 سم.",
                  "Tiles cut with a hammer and set one by one, 40 × 60 cm."), (1, 3),
                 (BLUE, 950, "zellige-bleu"), (GREEN, 950, "zellige-vert")),
    "tapis-beni-ouarain": L(CARPETS, ("Tapis Beni Ouarain", "زربية بني وراين", "Beni Ouarain carpet"),
                            ("Laine écrue nouée main, losanges bruns.", "صوف طبيعي معقود باليد بمعينات بنية.",
                             "Hand-knotted undyed wool with brown lozenges."), (1, 1),
                            (("200 × 300 cm", "200 × 300 سم", "200 × 300 cm"), 8900, "tapis-beni-ouarain"),
                            (("150 × 230 cm", "150 × 230 سم", "150 × 230 cm"), 5200, "tapis-beni-ouarain")),
    "kilim": L(CARPETS, ("Kilim à rayures", "حنبل مخطط", "Striped kilim"),
               ("Tissage plat réversible, teintures végétales.", "نسيج مسطح بوجهين، بصباغة نباتية.",
                "Flat reversible weave in plant dyes."), (1, 2),
               (("140 × 200 cm", "140 × 200 سم", "140 × 200 cm"), 2600, "tapis-rayures"),
               (("80 × 150 cm", "80 × 150 سم", "80 × 150 cm"), 1200, "tapis-rayures")),
    "tapis-azilal": L(CARPETS, ("Tapis Azilal", "زربية أزيلال", "Azilal carpet"),
                      ("Fond blanc et motifs de couleur, chaque pièce est unique.",
                       "أرضية بيضاء وزخارف ملونة، كل قطعة فريدة.",
                       "White ground with coloured motifs, each piece one of a kind."), (1, 1),
                      (("170 × 250 cm", "170 × 250 سم", "170 × 250 cm"), 6400, "tapis-azilal"),
                      (("120 × 180 cm", "120 × 180 سم", "120 × 180 cm"), 3300, "tapis-azilal")),
    "boucherouite": L(CARPETS, ("Boucherouite", "بوشرويط", "Boucherouite rug"),
                      ("Tissé de chutes de tissu recyclées, gai et léger.", "منسوج من بقايا الأقمشة، مبهج وخفيف.",
                       "Woven from recycled fabric strips, bright and light."), (1, 2),
                      (("100 × 160 cm", "100 × 160 سم", "100 × 160 cm"), 1100, "tapis-rayures")),
    "fouta": L(TEXTILES, ("Fouta de hammam", "فوطة الحمام", "Hammam fouta"),
               ("Coton tissé à la main, absorbant et léger.", "قطن منسوج باليد، ماص وخفيف.",
                "Hand-woven cotton, light and absorbent."), (4, 15),
               (("rayée rouge", "مخططة بالأحمر", "red stripes"), 140, "foutas"),
               (("rayée bleue", "مخططة بالأزرق", "blue stripes"), 140, "foutas")),
    "couverture": L(TEXTILES, ("Couverture hendira", "غطاء حنديرة", "Hendira blanket"),
                    ("Laine épaisse pour l'hiver de montagne, franges nouées.", "صوف سميك لشتاء الجبال بأهداب معقودة.",
                     "Thick wool for mountain winters, knotted fringes."), (1, 4),
                    (("écrue", "بلون طبيعي", "undyed"), 1100, "couverture"),
                    (("à bandes bleues", "بأشرطة زرقاء", "with blue bands"), 1250, "couverture")),
    "plaid-sabra": L(TEXTILES, ("Plaid en sabra", "غطاء من الصبرة", "Sabra throw"),
                     ("La soie végétale du cactus donne un reflet lumineux.", "حرير الصبار يعطي لمعانا مضيئا.",
                      "Cactus silk gives a luminous sheen."), (1, 4), (ONE, 850, "couverture")),
    "nappe": L(TEXTILES, ("Nappe brodée", "مفرش مائدة مطرز", "Embroidered tablecloth"),
               ("Brodée au fil de soie, point par point, pour six couverts.", "مطرز بخيط الحرير غرزة غرزة، لستة أشخاص.",
                "Embroidered in silk thread, stitch by stitch, for six."), (1, 3), (ONE, 780, "foutas")),
    "babouches": L(LEATHER, ("Babouches", "بلغة", "Babouches"),
                   ("Cuir souple cousu main, semelle en cuir.", "جلد لين مخيط باليد بنعل جلدي.",
                    "Soft hand-stitched leather, leather sole."), (3, 12),
                   (("jaune safran", "صفراء زعفرانية", "saffron yellow"), 220, "babouches-jaunes"),
                   (("fauves", "بلون طبيعي", "tan"), 220, "babouches-fauves"),
                   (("écrues brodées", "بيضاء مطرزة", "embroidered white"), 280, "babouches-beiges")),
    "sac": L(LEATHER, ("Sac en cuir", "حقيبة من الجلد", "Leather bag"),
             ("Tanné au végétal, doublé, fermoir en laiton.", "مدبوغ بمواد نباتية، مبطن، بمشبك نحاسي.",
              "Vegetable tanned, lined, brass clasp."), (1, 5),
             (("fauve", "بلون طبيعي", "tan"), 690, "sac-fauve"), (("rouge de Fès", "أحمر فاسي", "Fez red"), 720,
                                                                 "sac-rouge"),
             (("vert olive", "أخضر زيتوني", "olive green"), 720, "sac-vert")),
    "pouf": L(LEATHER, ("Pouf en cuir brodé", "مسند جلدي مطرز", "Embroidered leather pouf"),
              ("Livré vide, à garnir de vieux tissus ou de coton.", "يُسلّم فارغا ليُحشى بالأقمشة القديمة أو القطن.",
               "Sent empty, to stuff with old cloth or cotton."), (1, 4),
              (("fauve", "بلون طبيعي", "tan"), 750, "pouf-fauve"), (("rouge", "أحمر", "red"), 780, "pouf-rouge")),
    "panier": L(BASKETS, ("Panier de marché", "قفة السوق", "Market basket"),
                ("Doum tressé serré, anses en cuir.", "دوم مضفور بإحكام بمقابض جلدية.",
                 "Tightly plaited doum palm, leather handles."), (3, 10),
                (("à bandes rouges", "بأشرطة حمراء", "with red bands"), 160, "panier"),
                (("à bandes violettes", "بأشرطة بنفسجية", "with purple bands"), 160, "panier-violet")),
    "plateau": L(BASKETS, ("Plateau rond tressé", "طبق دائري مضفور", "Round woven tray"),
                 ("Pour servir le pain ou décorer un mur.", "لتقديم الخبز أو تزيين الجدار.",
                  "For serving bread or decorating a wall."), (3, 10),
                 (("vert", "أخضر", "green"), 120, "plateau-tresse"), (("bleu", "أزرق", "blue"), 120, "plateau-bleu"),
                 (LARGE, 190, "plateau-tresse")),
    "collier": L(JEWELS, ("Collier berbère", "قلادة أمازيغية", "Berber necklace"),
                 ("Perles de corail, d'ambre et d'argent enfilées à la main.", "حبات مرجان وعنبر وفضة منظومة باليد.",
                  "Coral, amber and silver beads strung by hand."), (1, 4),
                 (ONE, 850, "collier"), (("à fibule", "بتيزرزاي", "with a fibula"), 1400, "collier")),
    "bracelets": L(JEWELS, ("Bracelets en argent", "أساور من الفضة", "Silver bangles"),
                   ("Argent gravé au burin, motifs géométriques, vendus par trois.",
                    "فضة منقوشة بالإزميل بزخارف هندسية، تباع ثلاثة معا.",
                    "Burin-engraved silver, geometric motifs, sold as a set of three."), (1, 4),
                   (ONE, 980, "bracelets"), (("ciselés", "منقوشة", "chased"), 1250, "bracelets")),
    "coffret-thuya": L(WOOD, ("Coffret en thuya", "علبة من العرعار", "Thuya box"),
                       ("Loupe de thuya marquetée de citronnier.", "عقدة عرعار مطعمة بخشب الليمون.",
                        "Thuya burl inlaid with lemonwood."), (2, 8),
                       (SMALL, 180, "coffret-thuya"), (LARGE, 390, "coffret-thuya")),
    "bol-thuya": L(WOOD, ("Coupe en thuya", "زلافة من العرعار", "Thuya bowl"),
                   ("Tournée dans une seule pièce de loupe, huilée.", "مخروطة من قطعة واحدة من العقدة ومدهونة بالزيت.",
                    "Turned from a single piece of burl, oiled."), (2, 8), (ONE, 260, "bol-thuya")),
    "lanterne": L(WOOD, ("Lanterne ajourée", "فانوس مخرم", "Pierced lantern"),
                  ("Métal martelé et percé à la main, douille et câble fournis.",
                   "معدن مطروق ومثقوب باليد، مع المقبس والسلك.",
                   "Hand-hammered and pierced metal, socket and cable included."), (1, 5),
                  (("en laiton", "من النحاس الأصفر", "brass"), 650, "lanterne-laiton"),
                  (("en cuivre", "من النحاس الأحمر", "copper"), 720, "lanterne-cuivre")),
    "vase": L(POTTERY, ("Vase peint", "مزهرية مرسومة", "Painted vase"),
              ("Tourné puis peint à main levée, 30 cm de haut.", "مصنوع على الدولاب ومرسوم باليد، علوه 30 سم.",
               "Wheel-thrown and painted freehand, 30 cm high."), (1, 5),
              (BLUE, 240, "jarre-bleu"), (GREEN, 220, "jarre-vert"), (EARTH, 150, "jarre-terre")),
    "pochette": L(LEATHER, ("Pochette en cuir", "محفظة يد من الجلد", "Leather clutch"),
                  ("Petite pochette zippée, cousue main.", "محفظة صغيرة بسحاب، مخيطة باليد.",
                   "Small zipped clutch, hand-stitched."), (2, 8),
                  (("fauve", "بلون طبيعي", "tan"), 240, "sac-fauve"), (("verte", "خضراء", "green"), 250, "sac-vert")),
    "corbeille": L(BASKETS, ("Corbeille à pain", "سلة الخبز", "Bread basket"),
                   ("Petite corbeille tressée pour la table.", "سلة صغيرة مضفورة للمائدة.",
                    "Small plaited basket for the table."), (3, 12),
                   (("à bandes rouges", "بأشرطة حمراء", "with red bands"), 70, "panier"),
                   (("à bandes violettes", "بأشرطة بنفسجية", "with purple bands"), 70, "panier-violet")),
    "boite-epices": L(WOOD, ("Boîte à épices en thuya", "علبة توابل من العرعار", "Thuya spice box"),
                      ("Six compartiments et un couvercle marqueté.", "ستة أقسام وغطاء مطعم.",
                       "Six compartments and an inlaid lid."), (2, 6), (ONE, 320, "coffret-thuya")),
    "fibule": L(JEWELS, ("Fibule tizerzai", "تيزرزاي", "Tizerzai fibula"),
                ("La broche triangulaire qui retient le drapé berbère, en argent gravé.",
                 "المشبك المثلث الذي يمسك اللباس الأمازيغي، من الفضة المنقوشة.",
                 "The triangular brooch that holds a Berber drape, in engraved silver."), (1, 3),
                (ONE, 1600, "collier")),
}

# What each stand sells, best sellers first (the first lines fill a small demo).
STANDS: dict[str, tuple[str, ...]] = {
    "fatima-zahra-safi": ("tajine-cuisson", "plat", "jarre", "tajine-service", "vase"),
    "youssef-fes-zellige": ("zellige", "plat", "tajine-service", "vase"),
    "aicha-tamegroute": ("tajine-service", "plat", "jarre", "vase"),
    "hassan-sale-oulja": ("tajine-cuisson", "jarre", "plat", "vase"),
    "naima-marrakech-ceramique": ("plat", "tajine-service", "zellige", "vase"),
    "khadija-taznakht": ("tapis-azilal", "kilim", "tapis-beni-ouarain"),
    "mina-khemisset": ("kilim", "tapis-beni-ouarain", "couverture"),
    "itto-azrou": ("tapis-beni-ouarain", "kilim", "couverture"),
    "rkia-midelt": ("kilim", "tapis-azilal", "boucherouite"),
    "zineb-boucherouite": ("boucherouite", "tapis-azilal", "kilim"),
    "malika-chefchaouen": ("fouta", "couverture", "plaid-sabra", "nappe"),
    "abdellah-ouezzane": ("couverture", "fouta", "plaid-sabra"),
    "souad-fes-brocart": ("plaid-sabra", "nappe", "couverture"),
    "latifa-tetouan": ("nappe", "fouta", "plaid-sabra", "couverture"),
    "hakima-sale-broderie": ("nappe", "plaid-sabra", "fouta", "couverture"),
    "mohamed-fes-tannerie": ("sac", "pouf", "babouches", "pochette"),
    "brahim-marrakech-babouches": ("babouches", "pouf", "pochette"),
    "rachida-tafraout": ("babouches", "sac", "pochette"),
    "karim-meknes-cuir": ("pouf", "sac", "pochette", "babouches"),
    "saida-sale-vannerie": ("panier", "plateau", "corbeille"),
    "fadma-marrakech-paniers": ("panier", "corbeille", "plateau"),
    "hajar-chefchaouen-chapeaux": ("plateau", "panier", "corbeille"),
    "omar-oujda-alfa": ("panier", "plateau", "corbeille"),
    "amina-tiznit-argent": ("bracelets", "collier", "fibule"),
    "lahcen-tiznit-fibules": ("fibule", "collier", "bracelets"),
    "siham-essaouira-bijoux": ("collier", "bracelets", "fibule"),
    "nadia-rabat-bijoux": ("bracelets", "collier", "fibule"),
    "mustapha-essaouira-thuya": ("coffret-thuya", "bol-thuya", "boite-epices"),
    "rachid-essaouira-coffrets": ("coffret-thuya", "boite-epices", "bol-thuya"),
    "said-fes-cedre": ("bol-thuya", "lanterne", "boite-epices", "coffret-thuya"),
    "zahra-tetouan-bois-peint": ("lanterne", "coffret-thuya", "boite-epices"),
    "cooperative-tifaout": ("argan-culinaire", "argan-cosmetique", "amlou", "miel-thym"),
    "cooperative-taitmatine": ("amlou", "argan-culinaire", "miel-thym", "huile-olive", "argan-cosmetique"),
    "mohamed-taroudant-safran": ("safran", "miel-thym", "miel-jujubier", "amlou"),
    "yamna-essaouira-argan": ("argan-cosmetique", "argan-culinaire", "huile-olive", "amlou"),
    "ahmed-zagora-dattes": ("dattes-mejhoul", "dattes-boufeggous", "miel-jujubier", "miel-thym"),
    "touria-kelaat-rose": ("eau-de-rose", "savon-beldi", "ghassoul", "savon-noir"),
    "hanane-marrakech-savon": ("savon-noir", "ghassoul", "savon-beldi", "eau-de-rose", "argan-cosmetique"),
    "samira-casablanca-epices": ("ras-el-hanout", "cumin", "paprika", "curcuma", "coffret-epices", "gingembre"),
    "khalid-fes-epices": ("gingembre", "cannelle", "poivre", "menthe", "ras-el-hanout", "safran", "cumin"),
}

MADE: T = ("Fait à {city} par {name}.", "صُنع في {city} على يد {name}.", "Made in {city} by {name}.")
SERIES: T = ("série {n}", "سلسلة {n}", "series {n}")
# The demo beneficiary's stand shows every state in their portal; a few others wait for moderation.
BENEFICIARY_STATES = (ListingStatus.PENDING, ListingStatus.DRAFT, ListingStatus.CHANGES_REQUESTED,
                      ListingStatus.REJECTED)
SPECIAL_STATUSES = {3: ListingStatus.PENDING, 8: ListingStatus.PENDING, 14: ListingStatus.PENDING,
                    11: ListingStatus.DRAFT, 19: ListingStatus.REJECTED, 210: ListingStatus.ARCHIVED}
REASONS = {
    ListingStatus.REJECTED: "Les photos ne montrent pas le produit vendu.",
    ListingStatus.CHANGES_REQUESTED: "Merci de préciser les dimensions dans la description.",
}


@dataclass(frozen=True)
class ProductSeed:
    index: int
    supplier: SupplierSeed
    category: str
    title: T
    description: T
    price_mad: int
    stock: int
    status: ListingStatus
    looks: tuple[str, ...]
    age_days: float  # how long ago it was published


@dataclass(frozen=True)
class _Offer:
    supplier: SupplierSeed
    line: Line
    option: tuple[T, int, str]
    rank: int  # the offer's place in its stand


@cache
def offers() -> tuple[_Offer, ...]:
    """Every curated product, the stands in turn (and the crafts in turn among the stands), so the first
    few dozen already fill every hall."""
    by_slug = {s.slug: s for s in SUPPLIERS}
    categories = [c.slug for c in CATEGORIES]
    seen: Counter[str] = Counter()
    order = {}
    for s in SUPPLIERS:  # the first potter, the first weaver ..., then the second of each
        order[s.slug] = (seen[s.category], categories.index(s.category))
        seen[s.category] += 1
    stands = sorted(SUPPLIERS, key=lambda s: order[s.slug])
    lists = {s.slug: [(line, option) for key in STANDS[s.slug] for line in (LINES[key],) for option in line.options]
             for s in stands}
    result, rank = [], 0
    while any(rank < len(v) for v in lists.values()):
        for s in stands:
            if rank < len(lists[s.slug]):
                line, option = lists[s.slug][rank]
                result.append(_Offer(by_slug[s.slug], line, option, rank))
        rank += 1
    return tuple(result)


def product(index: int) -> ProductSeed:
    """The demo product number `index`: the curated ones first, then the same again as later series."""
    catalogue = offers()
    offer, series = catalogue[index % len(catalogue)], index // len(catalogue)
    rng = random.Random(f"souk-demo-product:{index}")
    supplier, line, (option, price, look) = offer.supplier, offer.line, offer.option
    title = tuple(" ".join(p for p in (t, o) if p) for t, o in zip(line.title, option, strict=True))
    if series:
        title = tuple(f"{t} · {s.format(n=series + 1)}" for t, s in zip(title, SERIES, strict=True))
    city = CITIES[supplier.city]
    made = (m.format(city=c, name=supplier.name) for m, c in zip(MADE, (supplier.city, city[1], city[2]), strict=True))
    status = SPECIAL_STATUSES.get(index, ListingStatus.PUBLISHED)
    if supplier.slug == BENEFICIARY_SUPPLIER and 1 <= offer.rank <= len(BENEFICIARY_STATES) and not series:
        status = BENEFICIARY_STATES[offer.rank - 1]
    low, high = line.stock
    return ProductSeed(
        index=index, supplier=supplier, category=line.category, title=title,  # type: ignore[arg-type]
        description=tuple(f"{t} {m}" for t, m in zip(line.text, made, strict=True)),  # type: ignore[arg-type]
        price_mad=_round_price(price * (0.92 + 0.16 * random.Random(supplier.slug).random())),
        stock=0 if index % 29 == 28 else rng.randint(low, high), status=status, looks=(look,),
        age_days=rng.uniform(0, 240))


def _round_price(value: float) -> int:
    """Prices as artisans set them: to 5 MAD under 200, to 10 above, to 50 above 2000."""
    step = 5 if value < 200 else 10 if value < 2000 else 50
    return max(step, int(round(value / step)) * step)
