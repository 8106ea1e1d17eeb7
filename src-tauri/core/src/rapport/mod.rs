//! La couche « rapport » : un document décrit par blocs (titres, paragraphes, listes, tableaux,
//! histogrammes) mis en page en A4 sur printpdf, avec couverture, en-tête courant, pied
//! « page X / Y », coupure des tableaux avec répétition de l'en-tête et sans titre orphelin.
//! Tous les documents (bilans IPE, CLEE, CET, conventions, réunions, lettres) passent par ici.
//!
//! Chaque document suit le même schéma, dans le module qui le possède (`<module>/documents/`
//! ou `<module>/bilan/`, un dossier par module) :
//! - `modele_<document>(conn, …) -> Resultat<Modele…>` : le modèle typé, SQL seulement, dans
//!   `mod.rs` ;
//! - `rendre_<document>(&Modele…) -> Rapport` : la mise en page seulement, sans `Connection` ni
//!   SQL, dans `rendu.rs` (`rendre_<document>_csv` pour un CSV) ;
//! - `document_<document>(conn, …) -> Resultat<Document>` (ou `fichier_document(conn, id, quoi)`
//!   quand l'appelant choisit parmi plusieurs) : les octets, leur genre, les avertissements du
//!   rendu et un nom de fichier français tiré du modèle, jamais d'un identifiant interne. La
//!   fenêtre (dialogue « Enregistrer sous ») et la ligne de commande (`--sortie`) passent par là ;
//!   `csv_…` / `ics_…` rendent un format texte quand un autre document le reprend.
//!
//! Les tests donnent à `rendre_…` des modèles construits à la main, sans base.

mod dessin;
mod mise_en_page;
mod polices;
mod tableau;

pub use mise_en_page::{rendre_pdf, rendre_pdf_et_avertissements};
pub use polices::MARQUE;

mod document;

pub use document::{nom_de_fichier, Document, Genre};

/// « Édité le 24/11/2026 », pour les couvertures.
pub fn edite_le(jour: chrono::NaiveDate) -> String {
    format!("Édité le {}", crate::dates::francaise(jour))
}

/// Le jour de l'édition : aujourd'hui, à l'heure locale.
pub fn aujourdhui() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

#[derive(Debug, Clone)]
pub struct Rapport {
    pub titre: String,
    /// Texte imprimé en haut de chaque page, sauf la couverture.
    pub entete: String,
    pub couverture: Option<Couverture>,
    pub blocs: Vec<Bloc>,
}

#[derive(Debug, Clone)]
pub struct Couverture {
    pub titre: String,
    pub sous_titre: Option<String>,
    /// Par exemple « Année 2007 », « Périmètre : national », « Édité le 24/11/2026 ».
    pub lignes: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Alignement {
    Gauche,
    Droite,
    Centre,
}

#[derive(Debug, Clone)]
pub struct Colonne {
    pub titre: String,
    /// Poids relatif de la largeur.
    pub largeur: f32,
    pub alignement: Alignement,
}

impl Colonne {
    /// Colonne de texte, alignée à gauche.
    pub fn texte(titre: &str, largeur: f32) -> Colonne {
        Colonne {
            titre: titre.into(),
            largeur,
            alignement: Alignement::Gauche,
        }
    }
    /// Colonne de nombres, alignée à droite.
    pub fn nombre(titre: &str, largeur: f32) -> Colonne {
        Colonne {
            titre: titre.into(),
            largeur,
            alignement: Alignement::Droite,
        }
    }
}

impl Bloc {
    /// Un tableau sans ligne de total.
    pub fn tableau(colonnes: Vec<Colonne>, lignes: Vec<Vec<String>>) -> Bloc {
        Bloc::Tableau {
            colonnes,
            lignes,
            gras_derniere_ligne: false,
        }
    }

    /// Un tableau dont la dernière ligne, le total, est imprimée en gras.
    pub fn tableau_avec_total(colonnes: Vec<Colonne>, lignes: Vec<Vec<String>>) -> Bloc {
        Bloc::Tableau {
            colonnes,
            lignes,
            gras_derniere_ligne: true,
        }
    }

    /// Le tableau, ou la phrase `vide` quand il n'a aucune ligne.
    pub fn tableau_ou(vide: &str, colonnes: Vec<Colonne>, lignes: Vec<Vec<String>>) -> Bloc {
        if lignes.is_empty() {
            Bloc::Paragraphe(vide.into())
        } else {
            Bloc::tableau(colonnes, lignes)
        }
    }

    /// Le tableau s'il a au moins une ligne, rien sinon (pour `blocs.extend(…)`).
    pub fn tableau_non_vide(colonnes: Vec<Colonne>, lignes: Vec<Vec<String>>) -> Option<Bloc> {
        (!lignes.is_empty()).then(|| Bloc::tableau(colonnes, lignes))
    }

    /// Une liste numérotée : « 1. premier point », « 2. … ».
    pub fn liste_numerotee(points: &[String]) -> Bloc {
        Bloc::Liste(
            points
                .iter()
                .enumerate()
                .map(|(i, p)| format!("{}. {p}", i + 1))
                .collect(),
        )
    }
}

impl Couverture {
    /// La couverture d'un bilan annuel : le périmètre en sous-titre, l'année scolaire, la
    /// ligne des sources consolidées s'il y en a (« Consolidation : … »), la date d'édition.
    pub fn bilan_annuel(
        titre: &str,
        perimetre: &str,
        annee_scolaire: &str,
        consolidation: Option<String>,
        jour: chrono::NaiveDate,
    ) -> Couverture {
        Couverture {
            titre: titre.into(),
            sous_titre: Some(perimetre.into()),
            lignes: [format!("Année scolaire {annee_scolaire}")]
                .into_iter()
                .chain(consolidation)
                .chain([edite_le(jour)])
                .collect(),
        }
    }
}

/// Une valeur absente imprimée comme un tiret cadratin.
pub fn ou_tiret(valeur: Option<String>) -> String {
    valeur.unwrap_or_else(|| "—".into())
}

/// « 42 % », ou un tiret sans taux.
pub fn pourcent(taux: Option<i64>) -> String {
    ou_tiret(taux.map(|t| format!("{t} %")))
}

#[derive(Debug, Clone)]
pub enum Bloc {
    Titre1(String),
    Titre2(String),
    Titre3(String),
    Paragraphe(String),
    ParagrapheGras(String),
    Liste(Vec<String>),
    Tableau {
        colonnes: Vec<Colonne>,
        lignes: Vec<Vec<String>>,
        gras_derniere_ligne: bool,
    },
    /// Barres horizontales vectorielles, valeur imprimée au bout de la barre.
    Histogramme {
        titre: String,
        barres: Vec<(String, f64)>,
    },
    /// Petit texte gris (définitions, sources).
    Note(String),
    /// Espace vertical en millimètres.
    Espace(f32),
    SautDePage,
}
