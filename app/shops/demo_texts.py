"""Fictional but believable unique shops for the demo, placed on each city's real shopping streets.

Every name here is invented. `street` must be one of the city's shopping streets in
app/demo/cities.json; `status` is approved unless said otherwise; one shop per city is spotlighted.
"""

WEEKDAY_SHOP = {"weekly": {"mon": [], "tue": [["10:00", "12:30"], ["13:30", "18:00"]],
                           "wed": [["10:00", "12:30"], ["13:30", "18:00"]], "thu": [["10:00", "12:30"], ["13:30", "18:00"]],
                           "fri": [["10:00", "12:30"], ["13:30", "18:00"]], "sat": [["10:00", "18:00"]], "sun": []},
                "exceptions": [{"date": "2026-12-25", "closed": True, "note": "Kerstmis"},
                               {"date": "2027-01-01", "closed": True, "note": "Nieuwjaar"}]}
LONG_DAYS = {"weekly": {"mon": [["09:30", "18:30"]], "tue": [["09:30", "18:30"]], "wed": [["09:30", "18:30"]],
                        "thu": [["09:30", "18:30"]], "fri": [["09:30", "18:30"]], "sat": [["09:30", "18:30"]],
                        "sun": [["14:00", "18:00"]]},
             "exceptions": [{"date": "2026-12-25", "closed": True, "note": "Kerstmis"}]}
CAFE_HOURS = {"weekly": {"mon": [["08:00", "18:00"]], "tue": [["08:00", "18:00"]], "wed": [["08:00", "18:00"]],
                         "thu": [["08:00", "18:00"]], "fri": [["08:00", "18:00"]], "sat": [["09:00", "18:00"]],
                         "sun": [["09:00", "13:00"]]},
              "exceptions": []}

SHOPS = {
    "kortrijk": [
        {"name": "Vlasbloem", "category": "home_living", "street": "Lange Steenstraat", "number": "27", "spotlight": True,
         "tagline": {"nl": "Linnen van Leievlas, geweven in West-Vlaanderen",
                     "en": "Linen from Leie flax, woven in West Flanders",
                     "fr": "Du lin de la Lys, tissé en Flandre-Occidentale",
                     "de": "Leinen aus Leie-Flachs, gewebt in Westflandern"},
         "story": {"nl": "Kortrijk werd rijk van het vlas dat in de Leie werd geroot. Bij Vlasbloem brengen we dat verhaal terug naar de Steenstraat: tafellinnen, handdoeken en dekbedovertrekken uit Belgisch vlas, geweven bij een familieweverij in Wevelgem.\n\nElk stuk wordt in ons atelier achter de winkel afgewerkt. Kom gerust kijken hoe we zomen en borduren.",
                   "en": "Kortrijk grew rich on flax retted in the Leie. At Vlasbloem we bring that story back to the high street: table linen, towels and duvet covers from Belgian flax, woven by a family mill in Wevelgem.\n\nEvery piece is finished in the workshop behind the shop. Come and watch us hem and embroider."},
         "languages": ["nl", "fr", "en"], "hours": WEEKDAY_SHOP, "phone": "+32 56 20 41 17"},
        {"name": "De Leesleeuw", "category": "books_music", "street": "Korte Steenstraat", "number": "9",
         "tagline": {"nl": "Onafhankelijke boekhandel met een stripzolder", "en": "Independent bookshop with a comics attic"},
         "story": {"nl": "Twee zussen, één liefde voor boeken. De Leesleeuw kiest elke titel zelf: veel Vlaamse auteurs, vertaalde literatuur en op de zolder een verzameling strips waar je uren kunt blijven hangen.\n\nElke eerste donderdag van de maand lezen we voor aan kinderen, met warme chocomelk.",
                   "en": "Two sisters, one love of books. De Leesleeuw chooses every title by hand: many Flemish authors, translated fiction and, up in the attic, a comics collection to lose hours in.\n\nEvery first Thursday of the month we read to children, with hot chocolate."},
         "languages": ["nl", "en"], "hours": WEEKDAY_SHOP, "website": "https://www.deleesleeuw.example"},
        {"name": "Branderij Bruun", "category": "food_drink", "street": "Doorniksestraat", "number": "54",
         "tagline": {"nl": "Koffie die we zelf branden, elke dinsdag", "en": "Coffee we roast ourselves, every Tuesday"},
         "story": {"nl": "In de etalage staat onze kleine trommelbrander uit 1962. Elke dinsdag branden we bonen van kleine boerencoöperaties uit Peru, Ethiopië en Rwanda. Proeven mag altijd aan de toog, en we malen je koffie op maat van je filter of espressomachine.",
                   "en": "Our little 1962 drum roaster sits in the shop window. Every Tuesday we roast beans from small farmer co-operatives in Peru, Ethiopia and Rwanda. Tasting at the counter is always welcome, and we grind for your filter or espresso machine."},
         "languages": ["nl", "fr", "en", "es"], "hours": CAFE_HOURS},
        {"name": "Atelier Steengoed", "category": "design_crafts", "street": "Leiestraat", "number": "12",
         "tagline": {"nl": "Keramiek gedraaid aan de Leie", "en": "Ceramics thrown by the Leie"},
         "story": {"nl": "Bekers, kommen en vazen die je nergens anders vindt: alles wordt in de werkplaats achteraan gedraaid en gestookt. De glazuren mengen we zelf, geïnspireerd op de kleuren van de Leie door de seizoenen. Op zaterdag kun je een proefles boetseren volgen.",
                   "en": "Mugs, bowls and vases you will find nowhere else: everything is thrown and fired in the workshop at the back. We mix our own glazes, inspired by the colours of the Leie through the seasons. On Saturdays you can join a taster class."},
         "languages": ["nl", "en"], "hours": WEEKDAY_SHOP, "website": "https://atelier-steengoed.example"},
        {"name": "Tweede Adem", "category": "second_hand_vintage", "street": "Lange Steenstraat", "number": "61",
         "status": "pending",
         "tagline": {"nl": "Vintage kleding en design uit de jaren 60 tot 90", "en": "Vintage clothing and design from the 60s to the 90s"},
         "story": {"nl": "Tweede Adem geeft kleding en meubels een tweede leven. We selecteren streng: alleen stukken in topstaat, gewassen en hersteld in ons eigen naaiatelier. Zo wordt duurzaam winkelen gewoon plezierig, en blijft er minder op de afvalberg liggen.",
                   "en": "Tweede Adem gives clothes and furniture a second life. We select strictly: only pieces in top condition, washed and mended in our own sewing room. Sustainable shopping simply becomes fun."},
         "languages": ["nl"], "hours": WEEKDAY_SHOP},
    ],
    "brugge": [
        {"name": "Draad & Kant", "category": "design_crafts", "street": "Noordzandstraat", "number": "38", "spotlight": True,
         "tagline": {"nl": "Brugse kant, maar dan van nu", "en": "Bruges lace, made for today",
                     "fr": "La dentelle de Bruges, version d’aujourd’hui", "de": "Brügger Spitze, ganz von heute"},
         "story": {"nl": "Onze grootmoeder kloste kant aan de Rolweg. Wij gebruiken dezelfde klosjes, maar maken oorbellen, lampenkappen en kraagjes met een hedendaags ontwerp. In de winkel zie je ons aan het werk en kun je een workshop van een uur volgen.",
                   "en": "Our grandmother made bobbin lace on the Rolweg. We use the same bobbins but make earrings, lampshades and collars with a contemporary design. In the shop you can watch us work and join a one-hour workshop."},
         "languages": ["nl", "en", "fr", "de"], "hours": LONG_DAYS},
        {"name": "Chocolaterie Minnewit", "category": "food_drink", "street": "Steenstraat", "number": "71",
         "tagline": {"nl": "Bean-to-bar chocolade, gemaakt in de kelder", "en": "Bean-to-bar chocolate, made in the cellar"},
         "story": {"nl": "Geen pralines uit de fabriek, maar chocolade die we van boon tot reep zelf maken in onze gewelfde kelder. We roosteren, breken en conchen in kleine hoeveelheden. Proef de verschillen tussen cacao uit Oeganda, Belize en Vietnam aan onze proeftafel.",
                   "en": "No factory pralines, but chocolate we make ourselves from bean to bar in our vaulted cellar. We roast, crack and conche in small batches. Taste the difference between cacao from Uganda, Belize and Vietnam at our tasting table."},
         "languages": ["nl", "en", "fr", "de", "es"], "hours": LONG_DAYS},
        {"name": "Het Ezelsoor", "category": "books_music", "street": "Geldmuntstraat", "number": "15",
         "tagline": {"nl": "Papierwinkel voor schrijvers en tekenaars", "en": "Paper shop for writers and sketchers"},
         "story": {"nl": "Handgeschept papier, vulpennen die je mag uitproberen en notitieboekjes die we zelf binden. Het Ezelsoor is een plek voor wie graag met de hand schrijft of tekent. Elke maand organiseren we een kalligrafie-avond.",
                   "en": "Handmade paper, fountain pens you can try out and notebooks we bind ourselves. Het Ezelsoor is a place for anyone who loves to write or draw by hand. Every month we host a calligraphy evening."},
         "languages": ["nl", "en", "fr"], "hours": WEEKDAY_SHOP},
        {"name": "Fietsatelier Reie", "category": "sports", "street": "Vlamingstraat", "number": "44",
         "tagline": {"nl": "Herstellingen terwijl je wacht, en fietsen op maat", "en": "Repairs while you wait, and made-to-measure bikes"},
         "story": {"nl": "Lekke band tijdens je bezoek aan Brugge? Wij helpen je meestal binnen het halfuur verder. Daarnaast bouwen we stadsfietsen op maat, met frames van een kleine Belgische lasser en onderdelen die jaren meegaan.",
                   "en": "Flat tyre during your visit to Bruges? We usually get you rolling again within half an hour. We also build city bikes to measure, with frames from a small Belgian welder and parts that last for years."},
         "languages": ["nl", "en", "fr", "de"], "hours": LONG_DAYS, "phone": "+32 50 33 48 20"},
        {"name": "Zilverpand Vintage", "category": "second_hand_vintage", "street": "Zuidzandstraat", "number": "22",
         "status": "pending",
         "tagline": {"nl": "Tweedehands designmeubels en lampen", "en": "Second-hand design furniture and lamps"},
         "story": {"nl": "We zoeken in heel Vlaanderen naar stoelen, lampen en kasten uit de jaren vijftig tot zeventig, en restaureren ze met respect voor het origineel. Elk stuk heeft een verhaal, en dat vertellen we je graag.",
                   "en": "We search all of Flanders for chairs, lamps and cabinets from the fifties to the seventies, and restore them with respect for the original. Every piece has a story, and we love to tell it."},
         "languages": ["nl", "en"], "hours": WEEKDAY_SHOP},
    ],
    "oostende": [
        {"name": "Zeezout & Zo", "category": "food_drink", "street": "Kapellestraat", "number": "33", "spotlight": True,
         "tagline": {"nl": "Zout, kruiden en zeewier van de Noordzee", "en": "Salt, herbs and seaweed from the North Sea",
                     "fr": "Sel, herbes et algues de la mer du Nord", "de": "Salz, Kräuter und Algen aus der Nordsee"},
         "story": {"nl": "Wij drogen zeewier uit de Noordzee en mengen het met zout en kruiden van polderboeren uit de buurt. Zo breng je de smaak van de kust mee naar huis. In de winkel kun je alles proeven, en we vertellen je graag hoe je zeekraal en lamsoor klaarmaakt.",
                   "en": "We dry North Sea seaweed and blend it with salt and herbs from polder farmers nearby, so you can take the taste of the coast home. Taste everything in the shop, and we will gladly tell you how to cook samphire and sea aster."},
         "languages": ["nl", "fr", "de", "en"], "hours": LONG_DAYS},
        {"name": "Strandgoed", "category": "home_living", "street": "Adolf Buylstraat", "number": "18",
         "tagline": {"nl": "Meubels en lampen uit aangespoeld hout", "en": "Furniture and lamps from driftwood"},
         "story": {"nl": "Na elke winterstorm trekken we met de bakfiets naar het strand. Van het aangespoelde hout maken we tafels, spiegels en lampen in onze werkplaats in de Vuurtorenwijk. Geen twee stukken zijn hetzelfde.",
                   "en": "After every winter storm we take the cargo bike to the beach. From the driftwood we make tables, mirrors and lamps in our workshop in the Lighthouse district. No two pieces are alike."},
         "languages": ["nl", "fr"], "hours": WEEKDAY_SHOP},
        {"name": "Het Palet van James", "category": "design_crafts", "street": "Vlaanderenstraat", "number": "7",
         "tagline": {"nl": "Kunstenaarsmateriaal, een knipoog naar Ensor", "en": "Art supplies, with a nod to Ensor"},
         "story": {"nl": "Verf, penselen en papier voor wie wil schilderen zoals de meesters aan zee. We mengen onze eigen olieverf in de kleuren van Oostende: het grijs van de golfbreker, het roze van een zomeravond. Op woensdag schildercafé.",
                   "en": "Paint, brushes and paper for anyone who wants to paint like the masters by the sea. We mix our own oil paints in the colours of Ostend: the grey of the breakwater, the pink of a summer evening. Painting café on Wednesdays."},
         "languages": ["nl", "fr", "en"], "hours": WEEKDAY_SHOP},
        {"name": "Kapitein Kiekeboe", "category": "kids", "street": "Witte Nonnenstraat", "number": "4", "status": "pending",
         "tagline": {"nl": "Houten speelgoed en boeken voor kleine zeerovers", "en": "Wooden toys and books for little pirates"},
         "story": {"nl": "Speelgoed dat lang meegaat: houten boten, vliegers voor op het strand en prentenboeken over de zee. We kiezen alles met de hulp van onze eigen drie kinderen, de strengste testers die er bestaan.",
                   "en": "Toys that last: wooden boats, kites for the beach and picture books about the sea. We choose everything with the help of our own three children, the toughest testers there are."},
         "languages": ["nl", "fr"], "hours": WEEKDAY_SHOP},
    ],
    "roeselare": [
        {"name": "Kelder Roodbruin", "category": "food_drink", "street": "Ooststraat", "number": "52", "spotlight": True,
         "tagline": {"nl": "Streekbieren en kazen uit de Westhoek", "en": "Regional beers and cheeses from the Westhoek",
                     "fr": "Bières et fromages régionaux du Westhoek", "de": "Regionale Biere und Käse aus dem Westhoek"},
         "story": {"nl": "Roeselare is de stad van het roodbruine bier. In onze kelder vind je meer dan tweehonderd bieren van kleine West-Vlaamse brouwers, met kazen die erbij passen. Vrijdagavond schenken we een proefplank met vier bieren en vier kazen.",
                   "en": "Roeselare is the home of Flemish red-brown ale. In our cellar you will find over two hundred beers from small West Flemish brewers, with cheeses to match. On Friday evenings we serve a tasting board of four beers and four cheeses."},
         "languages": ["nl", "fr", "en"], "hours": WEEKDAY_SHOP},
        {"name": "Velo Vanhee", "category": "sports", "street": "Noordstraat", "number": "19",
         "tagline": {"nl": "Koersfietsen, truien en verhalen", "en": "Racing bikes, jerseys and stories"},
         "story": {"nl": "Drie generaties Vanhee, één passie: de koers. We verkopen en herstellen racefietsen, en in de achterkamer hangen truien van renners uit de streek. Vraag gerust naar de beste lus langs de Vlaamse hellingen.",
                   "en": "Three generations of Vanhees, one passion: cycle racing. We sell and repair racing bikes, and the back room is hung with jerseys of local riders. Just ask for the best loop over the Flemish climbs."},
         "languages": ["nl", "fr", "en"], "hours": WEEKDAY_SHOP, "phone": "+32 51 22 65 90"},
        {"name": "Naaikamer Mona", "category": "fashion", "street": "Zuidstraat", "number": "31",
         "tagline": {"nl": "Kleding op maat en herstellingen", "en": "Made-to-measure clothing and alterations"},
         "story": {"nl": "Mona ontwerpt jurken, blazers en hemden die je op maat laat maken, met stoffen van Belgische weverijen. Een broek inkorten of een rits vervangen? Ook daarvoor ben je welkom, meestal klaar binnen twee dagen.",
                   "en": "Mona designs dresses, blazers and shirts made to your measure, from Belgian-woven fabrics. Need trousers shortened or a zip replaced? You are welcome too, usually ready within two days."},
         "languages": ["nl", "fr"], "hours": WEEKDAY_SHOP},
        {"name": "Het Plantenkot", "category": "home_living", "street": "Manestraat", "number": "8", "status": "pending",
         "tagline": {"nl": "Kamerplanten, stekjes en advies", "en": "Houseplants, cuttings and advice"},
         "story": {"nl": "Een stadsjungle in het centrum van Roeselare. We kweken veel planten zelf uit stek en geven je eerlijk advies over licht en water. Breng je zieke plant mee naar ons plantenspreekuur op zaterdag.",
                   "en": "An urban jungle in the centre of Roeselare. We grow many plants from cuttings ourselves and give honest advice about light and water. Bring your ailing plant to our Saturday plant clinic."},
         "languages": ["nl"], "hours": WEEKDAY_SHOP},
    ],
    "ieper": [
        {"name": "Het Lakenhuis", "category": "fashion", "street": "Boterstraat", "number": "14", "spotlight": True,
         "tagline": {"nl": "Wollen jassen en sjaals, zoals in de Lakenhalle", "en": "Woollen coats and scarves, as in the Cloth Hall",
                     "fr": "Manteaux et écharpes en laine, comme à la Halle aux draps", "de": "Wollmäntel und Schals, wie in den Tuchhallen"},
         "story": {"nl": "In de middeleeuwen werd Ieper groot met laken. Wij zetten die traditie voort met jassen, sjaals en mutsen uit Europese wol, ontworpen in Ieper en gemaakt in kleine ateliers. Stevig, warm en gemaakt om jaren mee te gaan.",
                   "en": "In the Middle Ages Ypres grew great on cloth. We carry on that tradition with coats, scarves and hats of European wool, designed in Ypres and made in small workshops. Sturdy, warm and made to last for years."},
         "languages": ["nl", "en", "fr"], "hours": WEEKDAY_SHOP},
        {"name": "Het Kattenhuis", "category": "kids", "street": "Rijselsestraat", "number": "26",
         "tagline": {"nl": "Speelgoed, knuffels en alles met katten", "en": "Toys, cuddly toys and everything with cats"},
         "story": {"nl": "Een winkel vol katten, ter ere van de Kattenstoet: knuffels, prentenboeken, puzzels en spelletjes, veel ervan gemaakt door Belgische ontwerpers. Kinderen mogen alles uitproberen aan onze speeltafel.",
                   "en": "A shop full of cats, in honour of the Cat Parade: cuddly toys, picture books, puzzles and games, many by Belgian designers. Children may try everything at our play table."},
         "languages": ["nl", "en", "fr"], "hours": WEEKDAY_SHOP},
        {"name": "Vestingboeken", "category": "books_music", "street": "Diksmuidestraat", "number": "41",
         "tagline": {"nl": "Geschiedenis, wandelgidsen en tweedehands boeken", "en": "History, walking guides and second-hand books"},
         "story": {"nl": "Bezoekers uit de hele wereld komen naar Ieper om de Grote Oorlog te begrijpen. Wij helpen hen op weg met boeken over de geschiedenis van de streek, wandelgidsen langs de vestingen en een grote kast vol tweedehands vondsten.",
                   "en": "Visitors from all over the world come to Ypres to understand the Great War. We help them with books on the region's history, walking guides along the ramparts and a large cabinet of second-hand finds."},
         "languages": ["nl", "en", "fr", "de"], "hours": LONG_DAYS},
        {"name": "Zeepziederij De Meense", "category": "beauty_health", "street": "Meensestraat", "number": "10",
         "status": "pending",
         "tagline": {"nl": "Handgemaakte zeep met Westhoekse kruiden", "en": "Handmade soap with Westhoek herbs"},
         "story": {"nl": "Onze zeep wordt koud geroerd en rijpt zes weken op houten rekken achter de winkel. We gebruiken plantaardige oliën en kruiden uit tuinen in de Westhoek. Geen verpakking van plastic, wel een geur die je bijblijft.",
                   "en": "Our soap is cold-processed and cures for six weeks on wooden racks behind the shop. We use plant oils and herbs from gardens in the Westhoek. No plastic packaging, just a scent you will remember."},
         "languages": ["nl", "en"], "hours": WEEKDAY_SHOP},
    ],
}


# Diksmuide's shops come from app/demo/towns/diksmuide/shops.csv through the import (app.shops.services.imports);
# this completes the claimed ones as their merchants would (keyed by the slug of the CSV name).
# A row without text here stays an imported draft in the studio (claimed or not).
IMPORTED_PROFILES = {
    "de-ijzerboekhandel": {
        "tagline": {"nl": "Boeken over de Westhoek, en alles daarna", "en": "Books on the Westhoek, and everything after"},
        "story": {"nl": "Op de Grote Markt verkopen we al drie generaties boeken. Je vindt bij ons de grootste kast over de "
                        "Eerste Wereldoorlog van de Westhoek, maar ook romans, kinderboeken en streekgidsen om de polder te "
                        "ontdekken. Vraag gerust raad: we lezen alles wat we verkopen.",
                  "en": "We have sold books on the Grote Markt for three generations: the Westhoek's largest shelf on the "
                        "First World War, novels, children's books and guides to the polders. Ask for advice: we read what we sell."},
        "hours": WEEKDAY_SHOP, "languages": ["nl", "en", "fr"], "spotlight": True,
    },
    "kaasmakerij-boterbloem": {
        "tagline": {"nl": "Kaas van melk uit de IJzervallei", "en": "Cheese from Yser valley milk"},
        "story": {"nl": "Diksmuide is een zuivelstad, en dat proef je bij Boterbloem. We rijpen onze kazen in de kelder onder "
                        "de winkel, met melk van drie boerderijen langs de IJzer. Proeven mag altijd, en op zaterdag maken we "
                        "kaasschotels op bestelling.",
                  "en": "Diksmuide is a dairy town, and Boterbloem is where you taste it: cheeses ripened in the cellar under "
                        "the shop, from the milk of three farms along the Yser. Tasting is always welcome."},
        "hours": WEEKDAY_SHOP, "languages": ["nl", "fr"],
    },
    "atelier-paxpoort": {
        "tagline": {"nl": "Keramiek en prints uit ons eigen atelier", "en": "Ceramics and prints from our own workshop"},
        "story": {"nl": "Halfweg tussen de markt en de IJzer draaien we kommen, bekers en vazen in de kleuren van de polder: "
                        "klei, riet en water. Achter de toonbank staat de draaischijf, dus je ziet je beker vaak nog ontstaan. "
                        "Op woensdagnamiddag geven we workshops voor kinderen.",
                  "en": "Halfway between the market square and the Yser we throw bowls, mugs and vases in the colours of the "
                        "polders: clay, reed and water. The wheel stands behind the counter, so you may see your mug being made."},
        "hours": WEEKDAY_SHOP, "languages": ["nl", "en"],
    },
}


# French and German, as the merchants (or their translators) wrote them: {shop name: {field: (fr, de)}}.
# Kept apart from the Dutch and English above so each language can be read through on its own; merged below.
FR_DE = {
    # Kortrijk
    "Vlasbloem": {
        "story": ("Courtrai s’est enrichie grâce au lin roui dans la Lys. Chez Vlasbloem, nous ramenons cette histoire "
                  "dans la Steenstraat : linge de table, serviettes et housses de couette en lin belge, tissés par un "
                  "tissage familial de Wevelgem.\n\nChaque pièce est finie dans notre atelier, derrière la boutique. "
                  "Venez nous regarder ourler et broder.",
                  "Kortrijk wurde reich durch den Flachs, der in der Leie geröstet wurde. Bei Vlasbloem holen wir diese "
                  "Geschichte zurück in die Steenstraat: Tischwäsche, Handtücher und Bettbezüge aus belgischem Leinen, "
                  "gewebt in einer Familienweberei in Wevelgem.\n\nJedes Stück wird in unserem Atelier hinter dem Laden "
                  "fertig genäht. Schauen Sie uns gern beim Säumen und Besticken zu.")},
    "De Leesleeuw": {
        "tagline": ("Librairie indépendante avec un grenier à BD", "Unabhängige Buchhandlung mit Comic-Dachboden"),
        "story": ("Deux sœurs, un même amour des livres. De Leesleeuw choisit chaque titre à la main : beaucoup "
                  "d’auteurs flamands, de la littérature traduite et, sous les combles, une collection de bandes "
                  "dessinées où l’on passe des heures.\n\nChaque premier jeudi du mois, nous lisons des histoires aux "
                  "enfants, avec un chocolat chaud.",
                  "Zwei Schwestern, eine Liebe zu Büchern. De Leesleeuw wählt jeden Titel selbst aus: viele flämische "
                  "Autorinnen und Autoren, übersetzte Literatur und oben auf dem Dachboden eine Comicsammlung, in der Sie "
                  "Stunden verbringen können.\n\nJeden ersten Donnerstag im Monat lesen wir Kindern vor, mit heißer "
                  "Schokolade.")},
    "Branderij Bruun": {
        "tagline": ("Du café torréfié par nos soins, chaque mardi", "Kaffee aus eigener Röstung, jeden Dienstag"),
        "story": ("Dans la vitrine trône notre petit torréfacteur à tambour de 1962. Chaque mardi, nous y torréfions des "
                  "grains de petites coopératives paysannes du Pérou, d’Éthiopie et du Rwanda. On peut toujours goûter au "
                  "comptoir, et nous moulons votre café selon votre filtre ou votre machine à espresso.",
                  "Im Schaufenster steht unser kleiner Trommelröster von 1962. Jeden Dienstag rösten wir darin Bohnen "
                  "kleiner bäuerlicher Genossenschaften aus Peru, Äthiopien und Ruanda. Probieren können Sie jederzeit an "
                  "der Theke, und wir mahlen Ihren Kaffee passend für Ihren Filter oder Ihre Espressomaschine.")},
    "Atelier Steengoed": {
        "tagline": ("Céramique tournée au bord de la Lys", "Keramik, gedreht an der Leie"),
        "story": ("Des tasses, des bols et des vases que vous ne trouverez nulle part ailleurs : tout est tourné et cuit "
                  "dans l’atelier, au fond de la boutique. Nous préparons nous-mêmes nos émaux, inspirés des couleurs de la "
                  "Lys au fil des saisons. Le samedi, vous pouvez suivre un cours d’initiation au modelage.",
                  "Becher, Schalen und Vasen, die Sie nirgendwo sonst finden: Alles wird in der Werkstatt hinten gedreht "
                  "und gebrannt. Unsere Glasuren mischen wir selbst, inspiriert von den Farben der Leie im Lauf der "
                  "Jahreszeiten. Samstags können Sie an einer Schnupperstunde im Töpfern teilnehmen.")},
    "Tweede Adem": {
        "tagline": ("Vêtements et design vintage, des années 60 aux années 90", "Vintage-Mode und Design der 60er- bis 90er-Jahre"),
        "story": ("Tweede Adem donne une seconde vie aux vêtements et aux meubles. Notre sélection est stricte : "
                  "uniquement des pièces en parfait état, lavées et réparées dans notre propre atelier de couture. Acheter "
                  "durable devient tout simplement un plaisir, et il en reste moins sur la montagne de déchets.",
                  "Tweede Adem schenkt Kleidung und Möbeln ein zweites Leben. Wir wählen streng aus: nur Stücke in "
                  "Bestzustand, gewaschen und in unserer eigenen Nähstube ausgebessert. So macht nachhaltiges Einkaufen "
                  "einfach Freude, und es landet weniger auf dem Müll.")},
    # Brugge
    "Draad & Kant": {
        "story": ("Notre grand-mère faisait de la dentelle aux fuseaux sur le Rolweg. Nous utilisons les mêmes fuseaux, "
                  "mais pour créer des boucles d’oreilles, des abat-jour et des cols au dessin contemporain. En boutique, "
                  "vous nous voyez travailler et pouvez suivre un atelier d’une heure.",
                  "Unsere Großmutter klöppelte Spitze am Rolweg. Wir benutzen dieselben Klöppel, fertigen damit aber "
                  "Ohrringe, Lampenschirme und Kragen in zeitgemäßem Design. Im Laden können Sie uns bei der Arbeit "
                  "zusehen und an einem einstündigen Workshop teilnehmen.")},
    "Chocolaterie Minnewit": {
        "tagline": ("Chocolat bean-to-bar, fabriqué dans notre cave", "Bean-to-Bar-Schokolade, im eigenen Keller gemacht"),
        "story": ("Pas de pralines d’usine, mais du chocolat que nous fabriquons nous-mêmes, de la fève à la tablette, "
                  "dans notre cave voûtée. Nous torréfions, concassons et conchons par petites quantités. À notre table de "
                  "dégustation, goûtez la différence entre les cacaos d’Ouganda, du Belize et du Vietnam.",
                  "Keine Pralinen aus der Fabrik, sondern Schokolade, die wir in unserem Gewölbekeller selbst von der "
                  "Bohne bis zur Tafel herstellen. Wir rösten, brechen und conchieren in kleinen Mengen. An unserem "
                  "Probiertisch schmecken Sie den Unterschied zwischen Kakao aus Uganda, Belize und Vietnam.")},
    "Het Ezelsoor": {
        "tagline": ("Papeterie pour celles et ceux qui écrivent et dessinent", "Papierladen für alle, die schreiben und zeichnen"),
        "story": ("Du papier fait main, des stylos plume à essayer et des carnets que nous relions nous-mêmes. Het "
                  "Ezelsoor est un lieu pour tous ceux qui aiment écrire ou dessiner à la main. Chaque mois, nous "
                  "organisons une soirée de calligraphie.",
                  "Handgeschöpftes Papier, Füllfederhalter zum Ausprobieren und Notizbücher, die wir selbst binden. Het "
                  "Ezelsoor ist ein Ort für alle, die gern von Hand schreiben oder zeichnen. Jeden Monat veranstalten wir "
                  "einen Kalligrafie-Abend.")},
    "Fietsatelier Reie": {
        "tagline": ("Réparations pendant que vous attendez, et vélos sur mesure", "Reparatur, während Sie warten, und Räder nach Maß"),
        "story": ("Un pneu crevé pendant votre visite de Bruges ? En général, nous vous remettons en selle en moins d’une "
                  "demi-heure. Nous montons aussi des vélos de ville sur mesure, avec des cadres d’un petit soudeur belge "
                  "et des pièces qui durent des années.",
                  "Ein Platten während Ihres Besuchs in Brügge? Meist bringen wir Sie innerhalb einer halben Stunde wieder "
                  "in Fahrt. Außerdem bauen wir Stadträder nach Maß, mit Rahmen von einem kleinen belgischen Schweißer und "
                  "Teilen, die jahrelang halten.")},
    "Zilverpand Vintage": {
        "tagline": ("Mobilier et luminaires design de seconde main", "Designmöbel und Lampen aus zweiter Hand"),
        "story": ("Nous parcourons toute la Flandre à la recherche de chaises, de lampes et d’armoires des années "
                  "cinquante à soixante-dix, et nous les restaurons dans le respect de l’original. Chaque pièce a son "
                  "histoire, et nous aimons vous la raconter.",
                  "Wir suchen in ganz Flandern nach Stühlen, Lampen und Schränken aus den Fünfziger- bis Siebzigerjahren "
                  "und restaurieren sie mit Respekt vor dem Original. Jedes Stück hat eine Geschichte, und die erzählen "
                  "wir Ihnen gern.")},
    # Oostende
    "Zeezout & Zo": {
        "story": ("Nous séchons des algues de la mer du Nord et les mélangeons à du sel et à des herbes de cultivateurs "
                  "des polders voisins : le goût de la côte, à emporter chez vous. En boutique, tout se goûte, et nous vous "
                  "expliquons volontiers comment préparer la salicorne et l’aster maritime.",
                  "Wir trocknen Algen aus der Nordsee und mischen sie mit Salz und Kräutern von Polderbauern aus der "
                  "Umgebung. So nehmen Sie den Geschmack der Küste mit nach Hause. Im Laden dürfen Sie alles probieren, und "
                  "wir erklären Ihnen gern, wie man Queller und Strandaster zubereitet.")},
    "Strandgoed": {
        "tagline": ("Meubles et lampes en bois flotté", "Möbel und Lampen aus Treibholz"),
        "story": ("Après chaque tempête d’hiver, nous partons à la plage avec notre vélo cargo. Avec le bois rejeté par "
                  "la mer, nous fabriquons des tables, des miroirs et des lampes dans notre atelier du quartier du Phare. "
                  "Il n’y a pas deux pièces identiques.",
                  "Nach jedem Wintersturm fahren wir mit dem Lastenrad an den Strand. Aus dem angespülten Holz bauen wir "
                  "in unserer Werkstatt im Leuchtturmviertel Tische, Spiegel und Lampen. Kein Stück gleicht dem anderen.")},
    "Het Palet van James": {
        "tagline": ("Matériel d’artiste, avec un clin d’œil à Ensor", "Künstlerbedarf, mit einem Augenzwinkern für Ensor"),
        "story": ("De la peinture, des pinceaux et du papier pour qui veut peindre comme les maîtres de la mer. Nous "
                  "préparons nos propres peintures à l’huile aux couleurs d’Ostende : le gris du brise-lames, le rose "
                  "d’un soir d’été. Le mercredi, café peinture.",
                  "Farben, Pinsel und Papier für alle, die malen möchten wie die Meister am Meer. Wir mischen unsere "
                  "eigenen Ölfarben in den Farben Ostendes: das Grau des Wellenbrechers, das Rosa eines Sommerabends. "
                  "Mittwochs ist Malcafé.")},
    "Kapitein Kiekeboe": {
        "tagline": ("Jouets en bois et livres pour petits pirates", "Holzspielzeug und Bücher für kleine Seeräuber"),
        "story": ("Des jouets qui durent : bateaux en bois, cerfs-volants pour la plage et albums illustrés sur la mer. "
                  "Nous choisissons tout avec l’aide de nos trois enfants, les testeurs les plus exigeants qui soient.",
                  "Spielzeug, das lange hält: Holzboote, Drachen für den Strand und Bilderbücher über das Meer. Wir wählen "
                  "alles mit Hilfe unserer drei Kinder aus, der strengsten Tester, die es gibt.")},
    # Roeselare
    "Kelder Roodbruin": {
        "story": ("Roulers est la ville de la bière rouge-brun. Dans notre cave, vous trouverez plus de deux cents bières "
                  "de petits brasseurs de Flandre-Occidentale, et les fromages qui vont avec. Le vendredi soir, nous "
                  "servons une planche de dégustation de quatre bières et quatre fromages.",
                  "Roeselare ist die Stadt des rotbraunen Biers. In unserem Keller finden Sie über zweihundert Biere "
                  "kleiner westflämischer Brauereien und die passenden Käse dazu. Freitagabends servieren wir ein "
                  "Probierbrett mit vier Bieren und vier Käsesorten.")},
    "Velo Vanhee": {
        "tagline": ("Vélos de course, maillots et histoires", "Rennräder, Trikots und Geschichten"),
        "story": ("Trois générations de Vanhee, une seule passion : le vélo de course. Nous vendons et réparons des vélos "
                  "de course, et dans l’arrière-salle sont accrochés les maillots des coureurs de la région. Demandez-nous "
                  "la plus belle boucle par les monts flandriens.",
                  "Drei Generationen Vanhee, eine Leidenschaft: der Radsport. Wir verkaufen und reparieren Rennräder, und "
                  "im Hinterzimmer hängen die Trikots von Rennfahrern aus der Gegend. Fragen Sie uns ruhig nach der "
                  "schönsten Runde über die flämischen Anstiege.")},
    "Naaikamer Mona": {
        "tagline": ("Vêtements sur mesure et retouches", "Maßkleidung und Änderungen"),
        "story": ("Mona dessine des robes, des blazers et des chemises que vous faites faire à vos mesures, dans des tissus "
                  "de tissages belges. Un pantalon à raccourcir ou une fermeture éclair à remplacer ? Passez aussi, c’est "
                  "généralement prêt en deux jours.",
                  "Mona entwirft Kleider, Blazer und Hemden, die Sie nach Maß anfertigen lassen, aus Stoffen belgischer "
                  "Webereien. Eine Hose kürzen oder einen Reißverschluss ersetzen? Auch dafür sind Sie willkommen, meist "
                  "ist es innerhalb von zwei Tagen fertig.")},
    "Het Plantenkot": {
        "tagline": ("Plantes d’intérieur, boutures et conseils", "Zimmerpflanzen, Ableger und Beratung"),
        "story": ("Une jungle urbaine au centre de Roulers. Nous cultivons nous-mêmes beaucoup de plantes à partir de "
                  "boutures et vous conseillons honnêtement sur la lumière et l’arrosage. Apportez votre plante malade à "
                  "notre consultation du samedi.",
                  "Ein Stadtdschungel im Zentrum von Roeselare. Viele Pflanzen ziehen wir selbst aus Stecklingen, und wir "
                  "beraten Sie ehrlich zu Licht und Wasser. Bringen Sie Ihre kranke Pflanze samstags in unsere "
                  "Pflanzensprechstunde mit.")},
    # Ieper
    "Het Lakenhuis": {
        "story": ("Au Moyen Âge, Ypres a fait fortune grâce au drap. Nous perpétuons cette tradition avec des manteaux, "
                  "des écharpes et des bonnets en laine européenne, dessinés à Ypres et confectionnés dans de petits "
                  "ateliers. Solides, chauds et faits pour durer des années.",
                  "Im Mittelalter wurde Ypern mit Tuch groß. Wir führen diese Tradition fort, mit Mänteln, Schals und "
                  "Mützen aus europäischer Wolle, entworfen in Ypern und gefertigt in kleinen Ateliers. Robust, warm und "
                  "gemacht, um Jahre zu halten.")},
    "Het Kattenhuis": {
        "tagline": ("Jouets, peluches et tout ce qui touche aux chats", "Spielzeug, Kuscheltiere und alles rund um Katzen"),
        "story": ("Une boutique pleine de chats, en l’honneur du Kattenstoet, le cortège des chats : peluches, albums "
                  "illustrés, puzzles et jeux, souvent signés par des créateurs belges. Les enfants peuvent tout essayer à "
                  "notre table de jeu.",
                  "Ein Laden voller Katzen, zu Ehren des Katzenumzugs Kattenstoet: Kuscheltiere, Bilderbücher, Puzzles und "
                  "Spiele, viele davon von belgischen Designern. Kinder dürfen an unserem Spieltisch alles ausprobieren.")},
    "Vestingboeken": {
        "tagline": ("Histoire, guides de promenade et livres d’occasion", "Geschichte, Wanderführer und gebrauchte Bücher"),
        "story": ("Des visiteurs du monde entier viennent à Ypres pour comprendre la Grande Guerre. Nous les aidons avec "
                  "des livres sur l’histoire de la région, des guides de promenade le long des remparts et une grande "
                  "armoire pleine de trouvailles d’occasion.",
                  "Besucher aus aller Welt kommen nach Ypern, um den Ersten Weltkrieg zu verstehen. Wir helfen ihnen dabei "
                  "mit Büchern zur Geschichte der Region, Wanderführern entlang der Festungswälle und einem großen Schrank "
                  "voller antiquarischer Fundstücke.")},
    "Zeepziederij De Meense": {
        "tagline": ("Savon artisanal aux herbes du Westhoek", "Handgemachte Seife mit Kräutern aus dem Westhoek"),
        "story": ("Notre savon est saponifié à froid et mûrit six semaines sur des claies en bois, derrière la boutique. "
                  "Nous utilisons des huiles végétales et des herbes de jardins du Westhoek. Pas d’emballage en plastique, "
                  "mais un parfum qui ne vous quittera plus.",
                  "Unsere Seife wird kalt gerührt und reift sechs Wochen auf Holzregalen hinter dem Laden. Wir verwenden "
                  "Pflanzenöle und Kräuter aus Gärten im Westhoek. Keine Plastikverpackung, dafür ein Duft, der Ihnen in "
                  "Erinnerung bleibt.")},
    # Diksmuide (the imported shops' profiles)
    "de-ijzerboekhandel": {
        "tagline": ("Des livres sur le Westhoek, et bien plus encore", "Bücher über den Westhoek und vieles mehr"),
        "story": ("Sur la Grand-Place, nous vendons des livres depuis trois générations. Vous trouverez chez nous le plus "
                  "grand rayon du Westhoek sur la Première Guerre mondiale, mais aussi des romans, des livres pour enfants "
                  "et des guides pour découvrir les polders. Demandez-nous conseil : nous lisons tout ce que nous vendons.",
                  "Am Grote Markt verkaufen wir seit drei Generationen Bücher. Bei uns finden Sie das größte Regal des "
                  "Westhoeks zum Ersten Weltkrieg, aber auch Romane, Kinderbücher und Führer, mit denen Sie die Polder "
                  "entdecken. Fragen Sie uns ruhig um Rat: Wir lesen alles, was wir verkaufen.")},
    "kaasmakerij-boterbloem": {
        "tagline": ("Du fromage au lait de la vallée de l’Yser", "Käse aus der Milch des IJzertals"),
        "story": ("Dixmude est une ville laitière, et cela se goûte chez Boterbloem. Nous affinons nos fromages dans la "
                  "cave, sous la boutique, avec le lait de trois fermes au bord de l’Yser. On peut toujours goûter, et le "
                  "samedi nous préparons des plateaux de fromages sur commande.",
                  "Diksmuide ist eine Molkereistadt, und das schmecken Sie bei Boterbloem. Unsere Käse reifen im Keller "
                  "unter dem Laden, aus der Milch von drei Höfen an der IJzer. Probieren ist immer erlaubt, und samstags "
                  "stellen wir Käseplatten auf Bestellung zusammen.")},
    "atelier-paxpoort": {
        "tagline": ("Céramiques et estampes de notre propre atelier", "Keramik und Drucke aus unserem eigenen Atelier"),
        "story": ("À mi-chemin entre la place du marché et l’Yser, nous tournons des bols, des tasses et des vases aux "
                  "couleurs des polders : argile, roseau et eau. Le tour est derrière le comptoir, vous verrez donc souvent "
                  "votre tasse prendre forme. Le mercredi après-midi, nous donnons des ateliers pour enfants.",
                  "Auf halbem Weg zwischen dem Markt und der IJzer drehen wir Schalen, Becher und Vasen in den Farben der "
                  "Polder: Lehm, Schilf und Wasser. Die Töpferscheibe steht hinter der Theke, so sehen Sie Ihren Becher "
                  "oft noch entstehen. Mittwochnachmittags geben wir Workshops für Kinder.")},
}


def _merge_fr_de(spec: dict, texts: dict) -> None:
    for field, (fr, de) in texts.items():
        spec[field] = {**spec[field], "fr": fr, "de": de}


for _spec in (spec for town in SHOPS.values() for spec in town):
    _merge_fr_de(_spec, FR_DE.get(_spec["name"], {}))
for _slug, _profile in IMPORTED_PROFILES.items():
    _merge_fr_de(_profile, FR_DE.get(_slug, {}))
