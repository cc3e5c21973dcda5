"""Fictional news snippets (invented people and places) for the copy-detection tests."""

FR_ORIGINAL = (
    "La maire de Valcourt, Hélène Mardivel, a annoncé mardi la fermeture de la piscine "
    "municipale pour une durée de 18 mois. Les travaux de rénovation coûteront 4,2 millions "
    "d'euros, selon le budget voté par le conseil municipal le 12 janvier.\n\n"
    "« Nous n'avions plus le choix, la structure du bâtiment est trop fragile », a déclaré "
    "l'élue lors d'une conférence de presse. Les 3 200 abonnés seront remboursés au prorata "
    "des mois restants.\n\n"
    "Le club de natation local, qui compte 450 licenciés, devra s'entraîner à Bernay, à 25 "
    "kilomètres. Son président, Joël Tassart, regrette une décision prise sans concertation. "
    "Il demande une navette gratuite pour les enfants.\n\n"
    "La réouverture est prévue pour l'été 2027. La municipalité promet un bassin nordique et "
    "une pataugeoire accessible aux personnes handicapées."
)

# a near copy: a few words changed, a sentence added, the last paragraph dropped
FR_EDITED = (
    "La maire de Valcourt, Hélène Mardivel, a annoncé ce mardi la fermeture de la piscine "
    "municipale pour une période de 18 mois. Les travaux de rénovation coûteront 4,2 millions "
    "d'euros, selon le budget adopté par le conseil municipal le 12 janvier.\n\n"
    "« Nous n'avions plus le choix, la structure du bâtiment est trop fragile », a déclaré "
    "l'élue lors d'une conférence de presse. Les 3 200 abonnés seront remboursés au prorata "
    "des mois restants. L'opposition réclame un audit indépendant.\n\n"
    "Le club de natation local, qui compte 450 licenciés, devra s'entraîner à Bernay, à 25 "
    "kilomètres. Son président, Joël Tassart, regrette une décision prise sans concertation. "
    "Il demande une navette gratuite pour les enfants."
)

# another article that reuses the second paragraph of FR_ORIGINAL
FR_PARTIAL = (
    "Les équipements sportifs de la région vieillissent, et plusieurs communes doivent "
    "arbitrer entre rénovation et fermeture. À Montferrand, le gymnase Paul-Evrard attend "
    "depuis six ans une nouvelle toiture, faute de subventions de l'État.\n\n"
    "À Valcourt, c'est la piscine qui ferme. « Nous n'avions plus le choix, la structure du "
    "bâtiment est trop fragile », a déclaré l'élue lors d'une conférence de presse. Les 3 200 "
    "abonnés seront remboursés au prorata des mois restants.\n\n"
    "Le conseil régional examinera en mars un plan de soutien de 30 millions d'euros destiné "
    "aux communes de moins de 20 000 habitants. Les associations d'élus jugent la somme très "
    "insuffisante au regard des besoins recensés."
)

# same story, written independently (shares names and numbers, not sentences)
FR_SAME_STORY = (
    "Coup dur pour les nageurs de Valcourt : leur piscine ne rouvrira pas avant l'été 2027. "
    "Hélène Mardivel, qui dirige la commune depuis 2020, justifie ce choix par l'état "
    "préoccupant de la charpente, jugée dangereuse par un bureau d'études.\n\n"
    "Le chantier, estimé à 4,2 millions d'euros, a été validé le 12 janvier. Chez les 450 "
    "licenciés du club, la colère monte : Joël Tassart dénonce un calendrier imposé et "
    "craint de perdre des adhérents, obligés désormais de rouler jusqu'à Bernay.\n\n"
    "Plusieurs parents ont lancé une pétition en ligne qui a déjà recueilli 900 signatures."
)

# an English machine-like translation of FR_ORIGINAL (with calques and French leftovers)
EN_TRANSLATED = (
    "The mayor of Valcourt, Hélène Mardivel, announced Tuesday the closure of the municipal "
    "swimming pool for a duration of 18 months. The renovation works will cost 4.2 million "
    "euros, according to the budget voted by the municipal council the 12 January.\n\n"
    "« We had no more choice, the structure of the building is too fragile », declared the "
    "elected official during a press conference. The 3,200 subscribers will be reimbursed "
    "at the prorata of the remaining months.\n\n"
    "The local swimming club, which counts 450 licensees, will have to train in Bernay, at 25 "
    "kilometres. Its president, Joël Tassart, regrets a decision taken without concertation. "
    "He asks for a free shuttle for the children .\n\n"
    "The reopening is planned for the summer 2027. The municipality promises a Nordic pool "
    "and a paddling pool accessible to handicapped persons, selon la mairie."
)

# a Russian translation of FR_ORIGINAL
RU_TRANSLATED = (
    "Мэр Валькура Элен Мардивель во вторник объявила о закрытии муниципального бассейна на "
    "18 месяцев. Ремонтные работы обойдутся в 4,2 миллиона евро, согласно бюджету, "
    "утверждённому муниципальным советом 12 января.\n\n"
    "«У нас не было выбора, конструкция здания слишком хрупкая», — заявила она на "
    "пресс-конференции. 3200 абонентам вернут деньги пропорционально оставшимся месяцам.\n\n"
    "Местный клуб плавания, в котором состоят 450 спортсменов, будет тренироваться в Бернэ, "
    "в 25 километрах. Его президент Жоэль Тассар сожалеет о решении, принятом без "
    "обсуждения. Он просит бесплатный автобус для детей.\n\n"
    "Открытие запланировано на лето 2027 года. Муниципалитет обещает скандинавский бассейн и "
    "детский бассейн, доступный для людей с ограниченными возможностями."
)

# an English article on the same story, written independently
EN_SAME_STORY = (
    "Swimmers in the small town of Valcourt will have to wait until summer 2027 to get their "
    "pool back. Mayor Hélène Mardivel said engineers had found the roof frame unsafe, and "
    "that the 4.2 million euro repair plan approved on 12 January was the only option.\n\n"
    "Joël Tassart, who runs the 450-member swimming club, told reporters that families now "
    "face a long drive to Bernay several times a week. Some parents fear children will simply "
    "give up the sport. A petition has gathered 900 signatures, organisers say.\n\n"
    "Town officials insist the new complex will be worth the wait."
)

# a chain: A (original dispatch) -> B (edits A) -> C (edits B further)
CHAIN_A = (
    "Un incendie s'est déclaré dans la nuit de samedi à dimanche dans un entrepôt de la zone "
    "industrielle des Aulnes, à Castelroux. Une soixantaine de pompiers ont été mobilisés "
    "pendant six heures pour maîtriser les flammes. Aucun blessé n'est à déplorer, mais le "
    "bâtiment de 5 000 mètres carrés est entièrement détruit. L'entrepôt stockait du matériel "
    "de jardinage et des produits d'entretien. Une enquête a été ouverte pour déterminer "
    "l'origine du sinistre, a indiqué la gendarmerie de Castelroux. Les riverains ont été "
    "invités à garder leurs fenêtres fermées en raison des fumées."
)
CHAIN_B = (
    "Un violent incendie s'est déclaré dans la nuit de samedi à dimanche dans un entrepôt de "
    "la zone industrielle des Aulnes, à Castelroux. Une soixantaine de pompiers ont été "
    "mobilisés pendant six heures pour maîtriser les flammes. Aucun blessé n'est à déplorer, "
    "mais le bâtiment de 5 000 mètres carrés est entièrement détruit. L'entrepôt stockait du "
    "matériel de jardinage et des produits chimiques. Une enquête a été ouverte pour "
    "déterminer l'origine du sinistre, a indiqué la gendarmerie. Le maire, Louis Percheron, "
    "s'est rendu sur place dimanche matin."
)
CHAIN_C = (
    "Un violent incendie s'est déclaré dans la nuit de samedi à dimanche dans un entrepôt de "
    "la zone industrielle des Aulnes, à Castelroux. Près de soixante pompiers ont été "
    "mobilisés pendant six heures pour maîtriser les flammes. Aucun blessé n'est à déplorer, "
    "mais le bâtiment de 5 000 mètres carrés est entièrement détruit. L'entrepôt stockait du "
    "matériel de jardinage et des produits chimiques. Une enquête a été ouverte pour "
    "déterminer l'origine du sinistre, a indiqué la gendarmerie. Le maire, Louis Percheron, "
    "s'est rendu sur place dimanche matin et a promis d'aider les 40 salariés."
)

LINKS_A = (
    "À lire aussi\n"
    "• Valcourt : la piscine ferme pour 18 mois\n"
    "• Castelroux : un entrepôt détruit par les flammes\n"
    "• Bernay : le marché de Noël prolongé d'une semaine\n"
    "• Montferrand : le gymnase attend sa toiture\n"
    "• Météo : un week-end pluvieux sur la région\n"
    "https://www.exemple-info.fr/region/valcourt-piscine\n"
    "Notre sélection du jour."
)
LINKS_B = (
    "Les plus lus\n"
    "• Valcourt : la piscine ferme pour 18 mois\n"
    "• Castelroux : un entrepôt détruit par les flammes\n"
    "• Bernay : le marché de Noël prolongé d'une semaine\n"
    "• Montferrand : le gymnase attend sa toiture\n"
    "• Météo : un week-end pluvieux sur la région\n"
    "https://www.exemple-info.fr/region/valcourt-piscine\n"
    "Retrouvez toute l'actualité régionale."
)

SHORT_A = "Valcourt : la piscine ferme\nLa piscine municipale ferme pour travaux."
SHORT_B = "Piscine de Valcourt\nLa piscine municipale ferme pour travaux."
