namespace RentGenerator;

/// <summary>
/// French names as a rent roll writes them: accents, hyphenated first names and surnames, particles, couples ("M. et Mme"),
/// and the companies and associations that rent dwellings or pay a tenant's rent. Homonyms are frequent on purpose.
/// </summary>
public static class Names
{
    public static readonly string[] WomenFirst =
    [
        "Marie", "Sophie", "Nathalie", "Isabelle", "Sylvie", "Catherine", "Christine", "Sandrine", "Élodie", "Céline", "Hélène",
        "Chloé", "Léa", "Manon", "Inès", "Camille", "Émilie", "Aurélie", "Stéphanie", "Françoise", "Geneviève", "Josiane",
        "Marie-Hélène", "Anne-Sophie", "Marie-Thérèse", "Fatima", "Samira", "Nadia", "Aminata", "Khadija", "Yasmina", "Noémie",
        "Zoé", "Maëlle", "Océane", "Gaëlle", "Bérénice", "Agnès", "Mélanie", "Léonie",
    ];

    public static readonly string[] MenFirst =
    [
        "Jean", "Pierre", "Paul", "Luc", "Michel", "Alain", "Philippe", "Patrick", "Nicolas", "Julien", "Thomas", "Hugo", "Lucas",
        "Louis", "Kévin", "Jérôme", "Stéphane", "Frédéric", "Grégory", "Benoît", "François", "Jean-Pierre", "Jean-Luc",
        "Jean-François", "Pierre-Yves", "Karim", "Mohamed", "Yacine", "Moussa", "Mamadou", "Rachid", "Hocine", "Noël", "Loïc",
        "Joël", "Gaël", "Anaël", "Théo", "Mathéo", "Raphaël",
    ];

    public static readonly string[] Surnames =
    [
        "MARTIN", "BERNARD", "DUBOIS", "THOMAS", "ROBERT", "RICHARD", "PETIT", "DURAND", "LEROY", "MOREAU", "SIMON", "LAURENT",
        "LEFÈVRE", "MICHEL", "GARCIA", "DAVID", "BERTRAND", "ROUX", "VINCENT", "FOURNIER", "MOREL", "GIRARD", "ANDRÉ", "MERCIER",
        "BLANC", "GUÉRIN", "BOYER", "GARNIER", "CHEVALIER", "FRANÇOIS", "LEGRAND", "GAUTHIER", "PERRIN", "ROBIN", "CLÉMENT",
        "MORIN", "NICOLAS", "HENRY", "ROUSSEL", "MATHIEU", "DIALLO", "TRAORÉ", "BENALI", "HADDAD", "NGUYEN", "KONATÉ",
        "BOUAZIZ", "CISSÉ", "SAÏD", "AMRANI", "LE GOFF", "LE GALL", "DE SOUSA", "DOS SANTOS", "N'DIAYE", "D'ALMEIDA",
        "LEFEBVRE-DUPUIS", "MARTIN-BLANC", "SAINT-JUST", "DUPONT", "DUPOND", "FAURE", "ROUSSEAU", "BLANCHARD", "GUILLOT",
        "HOARAU", "PAYET", "GRONDIN", "FONTAINE", "CHAUVIN", "BARBIER", "ÉVRARD", "MÜLLER", "LÉGER", "BÉGUIN",
    ];

    /// <summary>Associations and companies that rent a dwelling (logement de fonction, résidence sociale, sous-location).</summary>
    public static readonly string[] CompanyTenants =
    [
        "ASSOCIATION LES AMIS DU QUARTIER", "ASSOCIATION HABITAT ET HUMANISME", "CCAS DE LA VILLE", "SARL BOULANGERIE DU MARCHÉ",
        "ASSOCIATION ÉMERGENCE", "SAS PHARMACIE DES LILAS", "EHPAD LES GLYCINES", "ASSOCIATION L'ÉTAPE",
    ];

    /// <summary>Employers, services and funds that pay a tenant's rent for them.</summary>
    public static readonly string[] PayingCompanies =
    [
        "SARL DUBOIS BÂTIMENT", "SAS TRANSPORTS ROUSSEL", "ACTION LOGEMENT SERVICES", "CCAS DE LA VILLE", "UDAF DU RHÔNE",
        "MAIRIE DE SAINT-DENIS", "SNC GARAGE DU CENTRE", "ATMP TUTELLES",
    ];
}
