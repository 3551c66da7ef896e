"""Demo texts for the trails of the five cities. Trails: (nl, en, fr, de) tuples; stops: (nl, en) in STOP_TEXT and
CITY_STOP_TEXT, with their French and German in STOP_FR_DE and their names in STOP_NAMES (see stop_texts()).
Stops are matched to app/demo/cities.json by their Dutch name; coordinates come from there."""

STOP_TEXT = {
    # Brugge — heritage
    "Markt": ("Het hart van Brugge, omringd door trapgevels en de oude Waterhallen. Hier begint elke wandeling.",
              "The heart of Bruges, framed by stepped gables and the old Water Halls. Every walk starts here."),
    "Belfort": ("De 83 meter hoge belforttoren bewaakte eeuwenlang de stadsprivileges. 366 treden naar een wijds uitzicht.",
                "The 83-metre belfry guarded the city's charters for centuries. 366 steps up to a sweeping view."),
    "Burg": ("Het bestuurlijke centrum: gotiek, renaissance en barok naast elkaar op één plein.",
             "The seat of government: Gothic, Renaissance and Baroque side by side on one square."),
    "Stadhuis": ("Een van de oudste gotische stadhuizen van de Lage Landen, met een schitterende Gotische Zaal.",
                 "One of the oldest Gothic city halls in the Low Countries, with a splendid Gothic Hall."),
    "Rozenhoedkaai": ("Het meest gefotografeerde plekje van Brugge: reien, belfort en oude gevels in één beeld.",
                      "The most photographed spot in Bruges: canal, belfry and old facades in one frame."),
    "Onze-Lieve-Vrouwekerk": ("De bakstenen toren reikt 115 meter hoog; binnen staat de Madonna van Michelangelo.",
                              "Its brick tower rises 115 metres; inside is Michelangelo's Madonna and Child."),
    "Sint-Janshospitaal": ("Een middeleeuws hospitaal waar nu werk van Hans Memling hangt.",
                           "A medieval hospital that now shows works by Hans Memling."),
    "Begijnhof Ten Wijngaerde": ("Witte huisjes rond een grasveld met populieren: een oase van stilte.",
                                 "White houses around a lawn with poplars: an oasis of quiet."),
    "Minnewater": ("Het 'meer van de liefde', vroeger een binnenhaven, nu de romantische afsluiter van de wandeling.",
                   "The 'Lake of Love', once an inner harbour, now the romantic end of the walk."),
    # Brugge — green
    "Minnewaterpark": ("Een groene long langs het water, met brede paden en veel bankjes.",
                       "A green lung by the water, with wide paths and plenty of benches."),
    "Koningin Astridpark": ("Een Engelse landschapstuin met vijver, muziekkiosk en eeuwenoude bomen.",
                            "An English landscape garden with a pond, a bandstand and ancient trees."),
    "Kruispoort": ("Een van de vier overgebleven stadspoorten, aan de rand van de groene vesten.",
                   "One of the four surviving city gates, at the edge of the green ramparts."),
    "Kruisvest - Sint-Janshuismolen": ("Op de vesten draaien nog molens; de Sint-Janshuismolen maalt nog echt graan.",
                                       "Windmills still turn on the ramparts; St John's House Mill still grinds grain."),
    # Oostende — heritage
    "Zeilschip Mercator": ("Het driemaster-opleidingsschip ligt midden in de stad en is nu een museum.",
                           "The three-masted training ship lies in the middle of town and is now a museum."),
    "Sint-Petrus-en-Pauluskerk": ("Een neogotische kerk met ranke torens, gebouwd op vraag van koning Leopold II.",
                                  "A neo-Gothic church with slender spires, built at the request of King Leopold II."),
    "Wapenplein": ("Het gezellige centrale plein met muziekkiosk, terrassen en winkelstraten errond.",
                   "The lively central square with a bandstand, terraces and shopping streets around it."),
    "James Ensorhuis": ("Het huis en atelier van schilder James Ensor, boven de vroegere souvenirwinkel van zijn familie.",
                        "Painter James Ensor's house and studio, above his family's former souvenir shop."),
    "Kursaal Oostende": ("Het casino aan zee, een icoon van de badstad en decor van grote concerten.",
                         "The seaside casino, an icon of the resort and a stage for big concerts."),
    "Albert I-Promenade (Zeedijk)": ("De brede zeedijk: wind in je haren en zicht op het strand zo ver je kunt kijken.",
                                     "The wide promenade: wind in your hair and beach as far as the eye can see."),
    # Oostende — green
    "Leopoldpark": ("Een stadspark met vijver, bloemenklok en schaduwrijke paden vlak bij het centrum.",
                    "A town park with a pond, a flower clock and shady paths close to the centre."),
    "Japanse tuin Shin Kai Tei": ("Een rustige Japanse tuin met water, stenen en zorgvuldig gesnoeide planten.",
                                  "A calm Japanese garden of water, stones and carefully pruned plants."),
    "Maria Hendrikapark": ("Het 'Bosje' van Oostende: vijvers, bootjes en speelruimte voor kinderen.",
                           "Ostend's 'little wood': ponds, rowing boats and room for children to play."),
    "Fort Napoleon (Oosteroever)": ("Een vijfhoekig fort uit 1811 tussen de duinen van de Oosteroever.",
                                    "A pentagonal fort from 1811 among the dunes of the east bank."),
    # Kortrijk — heritage
    "Grote Markt - Belfort": ("Het vrijstaande belfort met Manten en Kalle, de twee klokkenluiders van Kortrijk.",
                              "The free-standing belfry with Manten and Kalle, Kortrijk's two bell-ringers."),
    "Sint-Maartenskerk": ("De stadskerk met een 83 meter hoge toren en een rijk versierd interieur.",
                          "The town church with an 83-metre tower and a richly decorated interior."),
    "Begijnhof Sint-Elisabeth": ("Een verborgen begijnhof met kasseistraatjes en witte huisjes, midden in de stad.",
                                 "A hidden beguinage with cobbled lanes and white houses, right in the city."),
    "Broeltorens": ("De twee middeleeuwse torens aan de Leie zijn hét symbool van Kortrijk.",
                    "The two medieval towers on the Leie are the symbol of Kortrijk."),
    # Kortrijk — green
    "Begijnhofpark": ("Een groene tuin achter het begijnhof, met zicht op de Sint-Maartenstoren.",
                      "A green garden behind the beguinage, with a view of St Martin's tower."),
    "Verlaagde Leieboorden (Broelkaai)": ("Trappen en grasbermen tot aan het water: dé plek om te picknicken aan de Leie.",
                                         "Steps and grassy banks down to the water: the place for a picnic by the Leie."),
    "Koning Albertpark": ("Een ruim stadspark met speeltuin en oude bomen.",
                          "A spacious town park with a playground and old trees."),
    # Roeselare — heritage
    "KOERS - Museum van de Wielersport": ("Het museum van de wielersport, in de stad van de flandriens.",
                                          "The cycling museum, in the town of the Flemish racing legends."),
    "Grote Markt": ("Het kloppend hart van de stad, met terrassen en de winkelstraten op wandelafstand.",
                    "The beating heart of town, with terraces and the shopping streets a short walk away."),
    "Stadhuis en Belfort": ("Het classicistische stadhuis met zijn belfort, erkend als UNESCO-werelderfgoed.",
                            "The classicist city hall with its belfry, listed as UNESCO World Heritage."),
    "Botermarkt": ("Hier werd vroeger boter verhandeld; nu een gezellig pleintje achter het stadhuis.",
                   "Butter was once traded here; now a cosy little square behind the city hall."),
    "Sint-Michielskerk": ("De hoofdkerk van Roeselare, met een markante toren boven de daken.",
                          "Roeselare's main church, with a striking tower above the roofs."),
    "Brouwerij Rodenbach": ("Thuis van het roodbruine bier dat rijpt in reusachtige eikenhouten foeders.",
                            "Home of the red-brown beer that matures in huge oak vats."),
    # Roeselare — green
    "Jaagpad Kanaal Roeselare-Leie": ("Een vlak en autovrij jaagpad langs het kanaal.",
                                      "A flat, car-free towpath along the canal."),
    "Sterrebos": ("Een kasteeldomein met stervormige dreven door het bos.",
                  "A castle estate with star-shaped avenues through the woods."),
    "Vijver en arboretum Sterrebos": ("Een vijver en een verzameling bijzondere bomen: neem even de tijd.",
                                      "A pond and a collection of remarkable trees: take your time."),
    "Kasteel van Rumbeke": ("Een van de oudste renaissancekastelen van Vlaanderen.",
                            "One of the oldest Renaissance castles in Flanders."),
    # Ieper — heritage
    "Lakenhalle - In Flanders Fields Museum": ("De herbouwde lakenhalle huisvest het museum over de Eerste Wereldoorlog.",
                                               "The rebuilt Cloth Hall houses the museum about the First World War."),
    "Saint George's Memorial Church": ("Een Anglicaanse gedachteniskerk vol plaquettes voor gesneuvelden.",
                                       "An Anglican memorial church full of plaques for the fallen."),
    "Sint-Maartenskathedraal": ("De gotische kathedraal werd na 1918 steen voor steen heropgebouwd.",
                                "The Gothic cathedral was rebuilt stone by stone after 1918."),
    "Menenpoort": ("Elke avond om 20 uur klinkt hier de Last Post ter nagedachtenis van de gesneuvelden.",
                   "Every evening at 8 pm the Last Post sounds here in memory of the fallen."),
    "Rijselpoort": ("De enige middeleeuwse stadspoort van Ieper die nog overeind staat.",
                    "The only medieval gate of Ypres still standing."),
    "Ramparts Cemetery (Lille Gate)": ("Een kleine militaire begraafplaats op de vestingen, aan het water.",
                                       "A small military cemetery on the ramparts, by the water."),
    # Ieper — green
    "Kasteelgracht": ("De brede gracht rond de vestingen, met zwanen en wilgen.",
                      "The wide moat around the ramparts, with swans and willows."),
    "Vestingen bij Rijselpoort": ("Een groen wandelpad bovenop de eeuwenoude vestingmuren.",
                                  "A green footpath on top of the centuries-old walls."),
    "Vestingen (wandelpad Rijselpoort-Menenpoort)": ("Het mooiste stuk van de vestingen: bomen, water en zicht op de stad.",
                                                     "The finest stretch of the ramparts: trees, water and views of the town."),
    "Vestingen bij Menenpoort": ("Hier kom je de vestingen af, vlak bij de Menenpoort.",
                                 "Here you come down from the ramparts, right by the Menin Gate."),
    "Verdronken Weide": ("Een natuurgebied van natte weiden waar weidevogels broeden.",
                         "A nature area of wet meadows where meadow birds nest."),
}

# Stop names used in more than one city get a city-specific text.
CITY_STOP_TEXT = {
    ("brugge", "Stadhuis"): STOP_TEXT["Stadhuis"],
    ("kortrijk", "Stadhuis"): ("Het stadhuis met zijn gevel vol beelden van de graven van Vlaanderen.",
                               "The city hall, its facade lined with statues of the Counts of Flanders."),
    ("kortrijk", "Onze-Lieve-Vrouwekerk"): ("Hier hingen de gulden sporen na de Guldensporenslag van 1302.",
                                            "The golden spurs hung here after the Battle of the Golden Spurs in 1302."),
    ("kortrijk", "Koningin Astridpark"): ("Een rustig park met vijver, ideaal om de wandeling af te sluiten.",
                                          "A quiet park with a pond, perfect to end the walk."),
    ("ieper", "Grote Markt"): ("Een van de grootste markten van Vlaanderen, volledig heropgebouwd na 1918.",
                               "One of the largest squares in Flanders, completely rebuilt after 1918."),
}

TRAILS = {
    "brugge": {
        "heritage": {"slug": "van-markt-tot-minnewater", "title": ("Van Markt tot Minnewater", "From the Market to the Lake of Love",
                              "De la Grand-Place au lac d’Amour", "Vom Markt zum Minnewater"),
                     "summary": ("Langs belfort, reien en begijnhof naar het Minnewater.", "Past the belfry, canals and beguinage to the Minnewater.",
                              "Par le beffroi, les canaux et le béguinage jusqu’au Minnewater.", "Vorbei an Belfried, Grachten und Beginenhof zum Minnewater."),
                     "access": dict(stroller=True, benches=True, toilets=True, surface="cobbles")},
        "green": {"slug": "parken-en-vesten", "title": ("Parken en vesten", "Parks and ramparts",
                              "Parcs et remparts", "Parks und Wälle"),
                  "summary": ("Van park naar park, en dan over de groene vesten naar de molens.", "From park to park, then along the green ramparts to the windmills.",
                              "De parc en parc, puis le long des remparts verts jusqu’aux moulins.", "Von Park zu Park und dann über die grünen Wälle zu den Windmühlen."),
                  "access": dict(step_free=True, wheelchair=True, stroller=True, benches=True, surface="paved")},
    },
    "oostende": {
        "heritage": {"slug": "van-haven-tot-zeedijk", "title": ("Van haven tot Zeedijk", "From harbour to promenade",
                              "Du port à la digue", "Vom Hafen zum Seedeich"),
                     "summary": ("Van het zeilschip Mercator via Ensor naar de zeedijk.", "From the Mercator tall ship past Ensor to the seafront.",
                              "Du voilier Mercator jusqu’à la digue, en passant par la maison d’Ensor.", "Vom Segelschiff Mercator über das Ensor-Haus bis zum Seedeich."),
                     "access": dict(step_free=True, wheelchair=True, stroller=True, benches=True, toilets=True, surface="paved")},
        "green": {"slug": "koninklijk-groen", "title": ("Koninklijk groen", "Royal green",
                              "Verdure royale", "Königliches Grün"),
                  "summary": ("Parken en tuinen die de koningen aan de badstad gaven.", "Parks and gardens the kings gave to the resort.",
                              "Les parcs et jardins que les rois ont offerts à la station balnéaire.", "Parks und Gärten, die die Könige dem Seebad schenkten."),
                  "access": dict(stroller=True, benches=True, surface="mixed")},
    },
    "kortrijk": {
        "heritage": {"slug": "guldensporenstad", "title": ("Guldensporenstad", "City of the Golden Spurs",
                              "La cité des Éperons d’or", "Stadt der Goldenen Sporen"),
                     "summary": ("Van Grote Markt en begijnhof naar de Broeltorens aan de Leie.", "From the market square and beguinage to the Broel Towers on the Leie.",
                              "De la Grand-Place et du béguinage jusqu’aux tours du Broel, au bord de la Lys.", "Vom Grote Markt und dem Beginenhof zu den Broeltürmen an der Leie."),
                     "access": dict(stroller=True, benches=True, toilets=True, surface="cobbles")},
        "green": {"slug": "langs-de-leie", "title": ("Langs de Leie", "Along the Leie",
                              "Au fil de la Lys", "Entlang der Leie"),
                  "summary": ("Over de vernieuwde Leieboorden naar twee stadsparken.", "Along the new riverbanks to two town parks.",
                              "Par les nouvelles berges de la Lys jusqu’à deux parcs de la ville.", "Über die neu gestalteten Leie-Ufer zu zwei Stadtparks."),
                  "access": dict(step_free=True, wheelchair=True, stroller=True, benches=True, surface="paved")},
    },
    "roeselare": {
        "heritage": {"slug": "rodenbachstad", "title": ("Rodenbachstad", "Rodenbach's town",
                              "La ville de Rodenbach", "Rodenbachs Stadt"),
                     "summary": ("Van wielermuseum KOERS over de Grote Markt naar de brouwerij.", "From the KOERS cycling museum across the square to the brewery.",
                              "Du musée du cyclisme KOERS à la brasserie, par la Grand-Place.", "Vom Radsportmuseum KOERS über den Marktplatz zur Brauerei."),
                     "access": dict(step_free=True, stroller=True, benches=True, toilets=True, surface="paved")},
        "green": {"slug": "naar-het-sterrebos", "title": ("Naar het Sterrebos", "To the Sterrebos",
                              "Vers le Sterrebos", "Zum Sterrebos"),
                  "summary": ("Langs het kanaal naar het bos en het kasteel van Rumbeke.", "Along the canal to the woods and Rumbeke Castle.",
                              "Le long du canal jusqu’au bois et au château de Rumbeke.", "Am Kanal entlang zum Wald und zum Schloss Rumbeke."),
                  "access": dict(stroller=True, benches=True, surface="gravel")},
    },
    "ieper": {
        "heritage": {"slug": "lakenhalle-en-menenpoort", "title": ("Lakenhalle en Menenpoort", "Cloth Hall and Menin Gate",
                              "Halle aux draps et porte de Menin", "Tuchhallen und Menentor"),
                     "summary": ("Herinnering en wederopbouw, van de Grote Markt tot de Rijselpoort.", "Remembrance and rebuilding, from the market square to the Lille Gate.",
                              "Mémoire et reconstruction, de la Grand-Place à la porte de Lille.", "Erinnerung und Wiederaufbau, vom Marktplatz bis zum Lille-Tor."),
                     "access": dict(step_free=True, wheelchair=True, stroller=True, benches=True, toilets=True, surface="paved")},
        "green": {"slug": "vestingenwandeling", "title": ("Vestingenwandeling", "Rampart walk",
                              "Promenade des remparts", "Rundgang über die Wälle"),
                  "summary": ("Over de groene vestingen en langs de gracht naar de Verdronken Weide.", "Over the green ramparts and along the moat to the Verdronken Weide.",
                              "Sur les remparts verts et le long des douves jusqu’à la Verdronken Weide.", "Über die grünen Wälle und am Graben entlang zur Verdronken Weide."),
                  "access": dict(stroller=True, benches=True, surface="unpaved")},
    },
}

BODY = {
    "heritage": ("Volg de genummerde haltes op de kaart. Onderweg kom je langs winkelstraten: neem gerust een omweg "
                 "langs een zaak die je nog niet kende.\n\nDuur is berekend aan een rustig wandeltempo, met een korte stop "
                 "bij elke halte.",
                 "Follow the numbered stops on the map. On the way you pass shopping streets: feel free to take a detour "
                 "to a shop you did not know yet.\n\nThe time assumes a relaxed walking pace with a short break at every stop.",
                 "Suivez les arrêts numérotés sur la carte. En chemin, vous passez par des rues commerçantes : n’hésitez pas "
                 "à faire un détour par une boutique que vous ne connaissiez pas encore.\n\nLa durée est calculée pour un "
                 "rythme de marche tranquille, avec une courte pause à chaque arrêt.",
                 "Folgen Sie den nummerierten Stationen auf der Karte. Unterwegs kommen Sie durch Einkaufsstraßen: Machen "
                 "Sie ruhig einen Abstecher zu einem Geschäft, das Sie noch nicht kannten.\n\nDie Dauer ist für ein "
                 "gemütliches Gehtempo berechnet, mit einer kurzen Pause an jeder Station."),
    "green": ("Een wandeling met veel groen en weinig verkeer, ideaal om even op adem te komen tussen het shoppen door.",
              "A walk with plenty of green and little traffic, ideal to catch your breath between shops.",
              "Une promenade pleine de verdure et avec peu de circulation, idéale pour souffler entre deux boutiques.",
              "Ein Spaziergang mit viel Grün und wenig Verkehr, ideal, um zwischen zwei Einkäufen durchzuatmen."),
}

DRAFT = {
    "slug": "winkelstraten-ontdekken",
    "title": ("Winkelstraten ontdekken", "Discover the shopping streets",
                              "Découvrir les rues commerçantes", "Die Einkaufsstraßen entdecken"),
    "summary": ("In opmaak: een route langs de winkelstraten van het centrum.", "Work in progress: a route through the shopping streets.",
                              "En préparation : un itinéraire par les rues commerçantes du centre.", "In Vorbereitung: eine Route durch die Einkaufsstraßen des Zentrums."),
}

# The stops' texts in French and German, by Dutch name (or (city, name) where CITY_STOP_TEXT has one).
STOP_FR_DE = {
    # Brugge — heritage
    "Markt": ("Le cœur de Bruges, entouré de pignons à redents et des anciennes Halles d’eau. Toute promenade commence ici.",
              "Das Herz von Brügge, umgeben von Treppengiebeln und den alten Wasserhallen. Hier beginnt jeder Rundgang."),
    "Belfort": ("Haut de 83 mètres, le beffroi a gardé pendant des siècles les privilèges de la ville. 366 marches mènent "
                "à une vue imprenable.",
                "Der 83 Meter hohe Belfried hütete jahrhundertelang die Privilegien der Stadt. 366 Stufen führen hinauf "
                "zu einem weiten Ausblick."),
    "Burg": ("Le siège du pouvoir : gothique, Renaissance et baroque côte à côte sur une même place.",
             "Der Sitz der Stadtverwaltung: Gotik, Renaissance und Barock nebeneinander auf einem Platz."),
    "Stadhuis": ("L’un des plus anciens hôtels de ville gothiques des anciens Pays-Bas, avec une splendide salle gothique.",
                 "Eines der ältesten gotischen Rathäuser der Niederen Lande, mit einem prächtigen Gotischen Saal."),
    "Rozenhoedkaai": ("Le coin le plus photographié de Bruges : le canal, le beffroi et les vieilles façades en une seule image.",
                      "Der meistfotografierte Ort Brügges: Kanal, Belfried und alte Fassaden in einem einzigen Bild."),
    "Onze-Lieve-Vrouwekerk": ("Sa tour de brique s’élève à 115 mètres ; à l’intérieur se trouve la Madone de Michel-Ange.",
                              "Ihr Backsteinturm ragt 115 Meter hoch; im Inneren steht die Madonna von Michelangelo."),
    "Sint-Janshospitaal": ("Un hôpital médiéval où sont aujourd’hui exposées des œuvres de Hans Memling.",
                           "Ein mittelalterliches Spital, in dem heute Werke von Hans Memling hängen."),
    "Begijnhof Ten Wijngaerde": ("Des maisonnettes blanches autour d’une pelouse plantée de peupliers : une oasis de calme.",
                                 "Weiße Häuschen um eine Wiese mit Pappeln: eine Oase der Stille."),
    "Minnewater": ("Le « lac d’Amour », autrefois un port intérieur, aujourd’hui la fin romantique de la promenade.",
                   "Der „Liebessee“, einst ein Binnenhafen, heute der romantische Abschluss des Rundgangs."),
    # Brugge — green
    "Minnewaterpark": ("Un poumon vert au bord de l’eau, avec de larges allées et beaucoup de bancs.",
                       "Eine grüne Lunge am Wasser, mit breiten Wegen und vielen Bänken."),
    "Koningin Astridpark": ("Un jardin paysager à l’anglaise, avec un étang, un kiosque à musique et des arbres centenaires.",
                            "Ein englischer Landschaftsgarten mit Teich, Musikpavillon und uralten Bäumen."),
    "Kruispoort": ("L’une des quatre portes de la ville encore debout, au bord des remparts verts.",
                   "Eines der vier erhaltenen Stadttore, am Rand der grünen Wälle."),
    "Kruisvest - Sint-Janshuismolen": ("Sur les remparts, des moulins tournent encore ; le moulin Sint-Janshuis moud "
                                       "toujours du vrai grain.",
                                       "Auf den Wällen drehen sich noch Windmühlen; die Sint-Janshuismolen mahlt noch "
                                       "echtes Getreide."),
    # Oostende — heritage
    "Zeilschip Mercator": ("Le trois-mâts école est amarré en plein centre-ville ; c’est aujourd’hui un musée.",
                           "Das dreimastige Schulschiff liegt mitten in der Stadt und ist heute ein Museum."),
    "Sint-Petrus-en-Pauluskerk": ("Une église néogothique aux flèches élancées, bâtie à la demande du roi Léopold II.",
                                  "Eine neugotische Kirche mit schlanken Türmen, erbaut auf Wunsch König Leopolds II."),
    "Wapenplein": ("La place centrale, animée, avec son kiosque à musique, ses terrasses et les rues commerçantes tout autour.",
                   "Der lebhafte zentrale Platz mit Musikpavillon, Terrassen und Einkaufsstraßen ringsum."),
    "James Ensorhuis": ("La maison et l’atelier du peintre James Ensor, au-dessus de l’ancienne boutique de souvenirs de sa famille.",
                        "Haus und Atelier des Malers James Ensor, über dem früheren Souvenirladen seiner Familie."),
    "Kursaal Oostende": ("Le casino face à la mer, icône de la station balnéaire et scène de grands concerts.",
                         "Das Casino am Meer, Wahrzeichen des Seebads und Bühne großer Konzerte."),
    "Albert I-Promenade (Zeedijk)": ("La large digue : le vent dans les cheveux et la plage à perte de vue.",
                                     "Der breite Seedeich: Wind in den Haaren und Strand, so weit das Auge reicht."),
    # Oostende — green
    "Leopoldpark": ("Un parc urbain avec un étang, une horloge florale et des allées ombragées, tout près du centre.",
                    "Ein Stadtpark mit Teich, Blumenuhr und schattigen Wegen, ganz nah am Zentrum."),
    "Japanse tuin Shin Kai Tei": ("Un jardin japonais paisible, fait d’eau, de pierres et de plantes taillées avec soin.",
                                  "Ein ruhiger japanischer Garten aus Wasser, Steinen und sorgfältig geschnittenen Pflanzen."),
    "Maria Hendrikapark": ("Le « Bosje » d’Ostende : des étangs, des barques et de la place pour les jeux des enfants.",
                           "Das „Wäldchen“ von Ostende: Teiche, Ruderboote und viel Platz zum Spielen für Kinder."),
    "Fort Napoleon (Oosteroever)": ("Un fort pentagonal de 1811, au milieu des dunes de la rive est.",
                                    "Ein fünfeckiges Fort von 1811 zwischen den Dünen des Ostufers."),
    # Kortrijk — heritage
    "Grote Markt - Belfort": ("Le beffroi isolé au milieu de la place, avec Manten et Kalle, les deux jacquemarts de Courtrai.",
                              "Der frei stehende Belfried mit Manten und Kalle, den beiden Glockenschlägern von Kortrijk."),
    "Sint-Maartenskerk": ("L’église de la ville, avec une tour de 83 mètres et un intérieur richement décoré.",
                          "Die Stadtkirche mit einem 83 Meter hohen Turm und reich geschmücktem Innenraum."),
    "Begijnhof Sint-Elisabeth": ("Un béguinage caché, avec ses ruelles pavées et ses maisons blanches, en pleine ville.",
                                 "Ein versteckter Beginenhof mit Kopfsteingassen und weißen Häuschen, mitten in der Stadt."),
    "Broeltorens": ("Les deux tours médiévales au bord de la Lys sont le symbole de Courtrai.",
                    "Die beiden mittelalterlichen Türme an der Leie sind das Wahrzeichen von Kortrijk."),
    # Kortrijk — green
    "Begijnhofpark": ("Un jardin derrière le béguinage, avec vue sur la tour Saint-Martin.",
                      "Ein grüner Garten hinter dem Beginenhof, mit Blick auf den Turm der Martinskirche."),
    "Verlaagde Leieboorden (Broelkaai)": ("Des marches et des talus d’herbe jusqu’à l’eau : l’endroit idéal pour "
                                         "pique-niquer au bord de la Lys.",
                                         "Stufen und Grasböschungen bis ans Wasser: der Ort für ein Picknick an der Leie."),
    "Koning Albertpark": ("Un vaste parc urbain avec une plaine de jeux et de vieux arbres.",
                          "Ein weitläufiger Stadtpark mit Spielplatz und alten Bäumen."),
    # Roeselare — heritage
    "KOERS - Museum van de Wielersport": ("Le musée du cyclisme, dans la ville des flandriens.",
                                          "Das Radsportmuseum, in der Stadt der Flandriens."),
    "Grote Markt": ("Le cœur battant de la ville, avec ses terrasses et les rues commerçantes à deux pas.",
                    "Das pulsierende Herz der Stadt, mit Terrassen und den Einkaufsstraßen gleich um die Ecke."),
    "Stadhuis en Belfort": ("L’hôtel de ville de style classique et son beffroi, inscrits au patrimoine mondial de l’UNESCO.",
                            "Das klassizistische Rathaus mit seinem Belfried, als UNESCO-Welterbe anerkannt."),
    "Botermarkt": ("Autrefois, on y vendait du beurre ; c’est aujourd’hui une petite place conviviale derrière l’hôtel de ville.",
                   "Früher wurde hier Butter gehandelt; heute ein gemütlicher kleiner Platz hinter dem Rathaus."),
    "Sint-Michielskerk": ("L’église principale de Roulers, dont la tour se détache au-dessus des toits.",
                          "Die Hauptkirche von Roeselare, mit einem markanten Turm über den Dächern."),
    "Brouwerij Rodenbach": ("La maison de la bière rouge-brun qui mûrit dans d’immenses foudres de chêne.",
                            "Die Heimat des rotbraunen Biers, das in riesigen Eichenholzfässern reift."),
    # Roeselare — green
    "Jaagpad Kanaal Roeselare-Leie": ("Un chemin de halage plat et sans voitures, le long du canal.",
                                      "Ein flacher, autofreier Treidelpfad am Kanal entlang."),
    "Sterrebos": ("Un domaine de château aux allées en étoile à travers le bois.",
                  "Ein Schlossgut mit sternförmigen Alleen durch den Wald."),
    "Vijver en arboretum Sterrebos": ("Un étang et une collection d’arbres remarquables : prenez votre temps.",
                                      "Ein Teich und eine Sammlung besonderer Bäume: Nehmen Sie sich Zeit."),
    "Kasteel van Rumbeke": ("L’un des plus anciens châteaux Renaissance de Flandre.",
                            "Eines der ältesten Renaissanceschlösser Flanderns."),
    # Ieper — heritage
    "Lakenhalle - In Flanders Fields Museum": ("La halle aux draps reconstruite abrite le musée consacré à la Première "
                                               "Guerre mondiale.",
                                               "Die wiederaufgebauten Tuchhallen beherbergen das Museum über den Ersten "
                                               "Weltkrieg."),
    "Saint George's Memorial Church": ("Une église anglicane du souvenir, couverte de plaques à la mémoire des soldats tombés.",
                                       "Eine anglikanische Gedächtniskirche voller Gedenktafeln für die Gefallenen."),
    "Sint-Maartenskathedraal": ("La cathédrale gothique a été reconstruite pierre par pierre après 1918.",
                                "Die gotische Kathedrale wurde nach 1918 Stein für Stein wiederaufgebaut."),
    "Menenpoort": ("Chaque soir à 20 heures, le Last Post y retentit en mémoire des soldats tombés.",
                   "Jeden Abend um 20 Uhr erklingt hier der Last Post zum Gedenken an die Gefallenen."),
    "Rijselpoort": ("La seule porte médiévale d’Ypres encore debout.",
                    "Das einzige mittelalterliche Stadttor von Ypern, das noch steht."),
    "Ramparts Cemetery (Lille Gate)": ("Un petit cimetière militaire sur les remparts, au bord de l’eau.",
                                       "Ein kleiner Soldatenfriedhof auf den Wällen, direkt am Wasser."),
    # Ieper — green
    "Kasteelgracht": ("Les larges douves autour des remparts, avec leurs cygnes et leurs saules.",
                      "Der breite Graben rund um die Wälle, mit Schwänen und Weiden."),
    "Vestingen bij Rijselpoort": ("Un sentier vert au sommet des remparts séculaires.",
                                  "Ein grüner Fußweg oben auf den jahrhundertealten Festungsmauern."),
    "Vestingen (wandelpad Rijselpoort-Menenpoort)": ("Le plus beau tronçon des remparts : des arbres, de l’eau et des vues "
                                                     "sur la ville.",
                                                     "Der schönste Abschnitt der Wälle: Bäume, Wasser und Blicke auf die Stadt."),
    "Vestingen bij Menenpoort": ("C’est ici que vous descendez des remparts, tout près de la porte de Menin.",
                                 "Hier steigen Sie von den Wällen herab, direkt am Menentor."),
    "Verdronken Weide": ("Une réserve naturelle de prairies humides où nichent les oiseaux des prés.",
                         "Ein Naturgebiet aus feuchten Wiesen, in dem Wiesenvögel brüten."),
    # the city-specific texts of CITY_STOP_TEXT
    ("kortrijk", "Stadhuis"): ("L’hôtel de ville, dont la façade est ornée des statues des comtes de Flandre.",
                               "Das Rathaus, dessen Fassade die Standbilder der Grafen von Flandern schmücken."),
    ("kortrijk", "Onze-Lieve-Vrouwekerk"): ("C’est ici que furent suspendus les éperons d’or après la bataille des "
                                            "Éperons d’or de 1302.",
                                            "Hier hingen die goldenen Sporen nach der Sporenschlacht von 1302."),
    ("kortrijk", "Koningin Astridpark"): ("Un parc tranquille avec un étang, parfait pour terminer la promenade.",
                                          "Ein ruhiger Park mit Teich, ideal zum Abschluss des Spaziergangs."),
    ("ieper", "Grote Markt"): ("L’une des plus grandes places de Flandre, entièrement reconstruite après 1918.",
                               "Einer der größten Marktplätze Flanderns, nach 1918 vollständig wiederaufgebaut."),
}

# The stops' names in French and German (the Dutch and English names come from app/demo/cities.json).
STOP_NAMES = {
    "Markt": ("Grand-Place", "Marktplatz"),
    "Belfort": ("Beffroi", "Belfried"),
    "Burg": ("Place du Bourg", "Burgplatz"),
    "Stadhuis": ("Hôtel de ville", "Rathaus"),
    "Rozenhoedkaai": ("Quai du Rosaire (Rozenhoedkaai)", "Rosenkranzkai (Rozenhoedkaai)"),
    "Onze-Lieve-Vrouwekerk": ("Église Notre-Dame", "Liebfrauenkirche"),
    "Sint-Janshospitaal": ("Hôpital Saint-Jean", "Johannesspital"),
    "Begijnhof Ten Wijngaerde": ("Béguinage princier de la Vigne", "Fürstlicher Beginenhof Ten Wijngaerde"),
    "Minnewater": ("Lac d’Amour (Minnewater)", "Minnewater (Liebessee)"),
    "Minnewaterpark": ("Parc du Minnewater", "Minnewaterpark"),
    "Koningin Astridpark": ("Parc Reine-Astrid", "Königin-Astrid-Park"),
    "Kruispoort": ("Porte Sainte-Croix", "Kreuztor"),
    "Kruisvest - Sint-Janshuismolen": ("Rempart Kruisvest – moulin Sint-Janshuis", "Kruisvest – Mühle Sint-Janshuis"),
    "Zeilschip Mercator": ("Voilier-école Mercator", "Segelschulschiff Mercator"),
    "Sint-Petrus-en-Pauluskerk": ("Église Saints-Pierre-et-Paul", "Kirche St. Peter und Paul"),
    "Wapenplein": ("Place d’Armes (Wapenplein)", "Wapenplein (Hauptplatz)"),
    "James Ensorhuis": ("Maison James Ensor", "James-Ensor-Haus"),
    "Kursaal Oostende": ("Kursaal d’Ostende", "Kursaal Ostende"),
    "Albert I-Promenade (Zeedijk)": ("Promenade Albert Ier (digue de mer)", "Albert-I.-Promenade (Seedeich)"),
    "Leopoldpark": ("Parc Léopold", "Leopoldpark"),
    "Japanse tuin Shin Kai Tei": ("Jardin japonais Shin Kai Tei", "Japanischer Garten Shin Kai Tei"),
    "Maria Hendrikapark": ("Parc Marie-Henriette", "Maria-Hendrika-Park"),
    "Fort Napoleon (Oosteroever)": ("Fort Napoléon (rive est)", "Fort Napoleon (Ostufer)"),
    "Grote Markt - Belfort": ("Grand-Place – Beffroi", "Marktplatz – Belfried"),
    "Sint-Maartenskerk": ("Église Saint-Martin", "Martinskirche"),
    "Begijnhof Sint-Elisabeth": ("Béguinage Sainte-Élisabeth", "Beginenhof St. Elisabeth"),
    "Broeltorens": ("Tours du Broel", "Broeltürme"),
    "Begijnhofpark": ("Parc du Béguinage", "Beginenhofpark"),
    "Verlaagde Leieboorden (Broelkaai)": ("Berges abaissées de la Lys (Broelkaai)", "Abgesenkte Leie-Ufer (Broelkaai)"),
    "Koning Albertpark": ("Parc Roi-Albert", "König-Albert-Park"),
    "KOERS - Museum van de Wielersport": ("KOERS – Musée du cyclisme", "KOERS – Radsportmuseum"),
    "Grote Markt": ("Grand-Place", "Marktplatz"),
    "Stadhuis en Belfort": ("Hôtel de ville et beffroi", "Rathaus und Belfried"),
    "Botermarkt": ("Marché au beurre (Botermarkt)", "Buttermarkt (Botermarkt)"),
    "Sint-Michielskerk": ("Église Saint-Michel", "Michaelskirche"),
    "Brouwerij Rodenbach": ("Brasserie Rodenbach", "Brauerei Rodenbach"),
    "Jaagpad Kanaal Roeselare-Leie": ("Chemin de halage du canal Roulers-Lys", "Treidelpfad am Kanal Roeselare–Leie"),
    "Sterrebos": ("Sterrebos (bois de l’Étoile)", "Sterrebos (Sternwald)"),
    "Vijver en arboretum Sterrebos": ("Étang et arboretum du Sterrebos", "Teich und Arboretum im Sterrebos"),
    "Kasteel van Rumbeke": ("Château de Rumbeke", "Schloss Rumbeke"),
    "Lakenhalle - In Flanders Fields Museum": ("Halle aux draps – In Flanders Fields Museum",
                                               "Tuchhallen – In Flanders Fields Museum"),
    "Saint George's Memorial Church": ("Saint George’s Memorial Church", "Saint George’s Memorial Church"),
    "Sint-Maartenskathedraal": ("Cathédrale Saint-Martin", "Kathedrale St. Martin"),
    "Menenpoort": ("Porte de Menin", "Menentor (Menenpoort)"),
    "Rijselpoort": ("Porte de Lille", "Lille-Tor (Rijselpoort)"),
    "Ramparts Cemetery (Lille Gate)": ("Ramparts Cemetery (porte de Lille)", "Ramparts Cemetery (Lille-Tor)"),
    "Kasteelgracht": ("Douves du château", "Schlossgraben"),
    "Vestingen bij Rijselpoort": ("Remparts près de la porte de Lille", "Wälle am Lille-Tor"),
    "Vestingen (wandelpad Rijselpoort-Menenpoort)": ("Promenade des remparts (porte de Lille – porte de Menin)",
                                                     "Wallpromenade (Lille-Tor – Menentor)"),
    "Vestingen bij Menenpoort": ("Remparts près de la porte de Menin", "Wälle am Menentor"),
    "Verdronken Weide": ("Verdronken Weide (prairies inondables)", "Verdronken Weide (Überschwemmungswiesen)"),
}
LOCALES = ("nl", "en", "fr", "de")


def texts(values: tuple[str, ...]) -> dict:
    """(nl, en, fr, de) as a {locale: text} dict."""
    return dict(zip(LOCALES, values))


def stop_texts(city_slug: str, name: str, name_en: str | None) -> tuple[dict, dict]:
    """A stop's name and text in the four languages (its text empty where none is written)."""
    key = (city_slug, name)
    nl_en = CITY_STOP_TEXT.get(key) or STOP_TEXT.get(name)
    fr_de = STOP_FR_DE.get(key) or STOP_FR_DE.get(name)
    body = texts(nl_en + fr_de) if nl_en and fr_de else (texts(nl_en) if nl_en else {})
    title = texts((name, name_en or name) + STOP_NAMES.get(name, (name, name)))
    return title, body
