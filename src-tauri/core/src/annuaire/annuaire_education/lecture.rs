//! De la ligne du fichier à la fiche d'établissement : colonnes retrouvées par leur nom (champ
//! ou libellé, sans casse ni accents), valeurs nettoyées, type déduit de la nature.

use super::CompteRendu;
use crate::annuaire::etablissements::{EtatEtablissement, StatutEtablissement, TypeEtablissement};
use crate::annuaire::{academies, validation};
use crate::csv::{Ligne, TableCsv};
use crate::{texte, Resultat};
use rusqlite::Connection;
use std::collections::{HashMap, HashSet};

/// Colonnes sans lesquelles le fichier n'est pas l'annuaire.
pub const COLONNES_OBLIGATOIRES: &[&str] = &[
    "identifiant_de_l_etablissement",
    "nom_etablissement",
    "code_academie",
];

/// Toutes les colonnes que Passerelle lit ; les autres sont ignorées.
pub const COLONNES_LUES: &[&str] = &[
    "identifiant_de_l_etablissement",
    "nom_etablissement",
    "type_etablissement",
    "libelle_nature",
    "statut_public_prive",
    "adresse_1",
    "adresse_2",
    "adresse_3",
    "code_postal",
    "nom_commune",
    "code_academie",
    "libelle_academie",
    "telephone",
    "mail",
    "siren_siret",
    "etat",
];

/// Où sont les colonnes lues dans ce fichier ; `None` : colonne absente, champ non touché.
pub(super) struct Colonnes {
    uai: usize,
    nom: usize,
    code_academie: usize,
    libelle_academie: Option<usize>,
    type_etablissement: Option<usize>,
    libelle_nature: Option<usize>,
    statut: Option<usize>,
    adresses: Vec<usize>,
    code_postal: Option<usize>,
    commune: Option<usize>,
    telephone: Option<usize>,
    mail: Option<usize>,
    siret: Option<usize>,
    etat: Option<usize>,
}

impl Colonnes {
    pub fn trouver(table: &TableCsv) -> Result<Colonnes, String> {
        let i = table.colonnes(COLONNES_OBLIGATOIRES).map_err(|e| {
            format!(
                "{e} Ce fichier n'est pas l'export de l'Annuaire de l'éducation \
                 (fr-en-annuaire-education, en-tête en noms de champs ou en libellés)."
            )
        })?;
        let une = |nom: &str| table.colonnes(&[nom]).ok().map(|v| v[0]);
        Ok(Colonnes {
            uai: i[0],
            nom: i[1],
            code_academie: i[2],
            libelle_academie: une("libelle_academie"),
            type_etablissement: une("type_etablissement"),
            libelle_nature: une("libelle_nature"),
            statut: une("statut_public_prive"),
            adresses: ["adresse_1", "adresse_2", "adresse_3"]
                .iter()
                .filter_map(|a| une(a))
                .collect(),
            code_postal: une("code_postal"),
            commune: une("nom_commune"),
            telephone: une("telephone"),
            mail: une("mail"),
            siret: une("siren_siret"),
            etat: une("etat"),
        })
    }
}

/// Une ligne retenue, prête à écrire. `None` : le fichier ne dit rien de ce champ (colonne
/// absente ou cellule vide), la base garde ce qu'elle a.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Fiche {
    pub numero: usize,
    pub uai: String,
    pub nom: String,
    pub type_: Option<TypeEtablissement>,
    pub nature: Option<String>,
    pub statut: Option<StatutEtablissement>,
    pub adresse: Option<String>,
    pub code_postal: Option<String>,
    pub commune: Option<String>,
    pub academie_id: i64,
    pub telephone: Option<String>,
    pub email: Option<String>,
    pub siret: Option<String>,
    pub etat: Option<EtatEtablissement>,
}

/// La cellule `i` de la ligne, nettoyée ; `None` si la colonne manque ou si la cellule est vide.
fn cellule(ligne: &Ligne, i: Option<usize>) -> Option<String> {
    i.and_then(|i| ligne.valeurs.get(i))
        .map(|v| texte::sur_une_ligne(v))
        .filter(|v| !v.is_empty())
}

/// Les académies du fichier retrouvées dans Passerelle, mémorisées (66 000 lignes, 30 académies).
#[derive(Default)]
pub(super) struct Academies {
    cache: HashMap<String, Option<i64>>,
    signalees: HashSet<String>,
}

impl Academies {
    /// L'académie de la ligne (par son code, sinon par son libellé) et ce qui la nomme dans
    /// les messages ; `None` si Passerelle ne la connaît pas.
    pub fn de_la_ligne(
        &mut self,
        conn: &Connection,
        c: &Colonnes,
        ligne: &Ligne,
    ) -> Resultat<(Option<i64>, String)> {
        let mut code = cellule(ligne, Some(c.code_academie)).unwrap_or_default();
        // « 9 » écrit par un tableur qui a pris le code pour un nombre : « 09 ».
        if code.len() == 1 && code.bytes().all(|b| b.is_ascii_digit()) {
            code.insert(0, '0');
        }
        let libelle = cellule(ligne, c.libelle_academie);
        let mut id = None;
        if !code.is_empty() {
            id = academies::trouver_en_cache(conn, &mut self.cache, &code)?;
        }
        if id.is_none() {
            if let Some(l) = &libelle {
                id = academies::trouver_en_cache(conn, &mut self.cache, l)?;
            }
        }
        let nom = match (libelle, code.is_empty()) {
            (Some(l), _) => l,
            (None, false) => code,
            (None, true) => "(vide)".into(),
        };
        Ok((id, nom))
    }

    /// Vrai la première fois qu'une académie inconnue est rencontrée : un message par académie.
    pub fn signaler(&mut self, libelle: &str) -> bool {
        self.signalees.insert(libelle.to_string())
    }
}

/// La fiche d'une ligne de l'académie `academie_id` ; `None` si la ligne est rejetée (code UAI
/// faux, nom vide), ce que le compte rendu dit avec le numéro de la ligne.
pub(super) fn fiche(
    c: &Colonnes,
    ligne: &Ligne,
    academie_id: i64,
    cr: &mut CompteRendu,
) -> Option<Fiche> {
    let n = ligne.numero;
    let brut = cellule(ligne, Some(c.uai)).unwrap_or_default();
    let uai = match validation::uai(&brut) {
        Ok(u) => u,
        Err(e) => {
            cr.rejeter(format!(
                "Ligne {n} : {e} L'établissement n'est pas importé."
            ));
            return None;
        }
    };
    let Some(nom) = cellule(ligne, Some(c.nom)) else {
        cr.rejeter(format!(
            "Ligne {n} : le nom de l'établissement {uai} est vide. L'établissement n'est pas importé."
        ));
        return None;
    };
    let nature = cellule(ligne, c.libelle_nature);
    let type_ = nature
        .as_deref()
        .and_then(type_depuis_nature)
        .or_else(|| cellule(ligne, c.type_etablissement).and_then(|t| type_depuis_type(&t)));
    let statut = cellule(ligne, c.statut).and_then(|s| {
        let v = statut(&s);
        if v.is_none() {
            cr.avertir(format!(
                "Ligne {n} : statut « {s} » inconnu (Public ou Privé attendu), non repris."
            ));
        }
        v
    });
    let etat = cellule(ligne, c.etat).and_then(|s| {
        let v = etat(&s);
        if v.is_none() {
            cr.avertir(format!(
                "Ligne {n} : état « {s} » inconnu (OUVERT, A OUVRIR, A FERMER ou FERME attendu), non repris."
            ));
        }
        v
    });
    let siret = cellule(ligne, c.siret).and_then(|s| match validation::siret(&s) {
        Ok(v) => v,
        Err(e) => {
            cr.avertir(format!("Ligne {n} : {e} Il n'est pas repris."));
            None
        }
    });
    let adresse: Vec<String> = c
        .adresses
        .iter()
        .filter_map(|i| cellule(ligne, Some(*i)))
        .collect();
    Some(Fiche {
        numero: n,
        uai,
        nom,
        type_,
        nature,
        statut,
        adresse: Some(adresse.join(", ")).filter(|a| !a.is_empty()),
        code_postal: cellule(ligne, c.code_postal),
        commune: cellule(ligne, c.commune),
        academie_id,
        telephone: cellule(ligne, c.telephone),
        email: cellule(ligne, c.mail).map(|m| m.to_lowercase()),
        siret,
        etat,
    })
}

/// Forme de comparaison : minuscules, sans accents, apostrophes et tirets devenus espaces.
fn cle(s: &str) -> String {
    texte::normaliser(&s.replace(['\'', '-', '_'], " "))
}

/// Le type d'après la nature de l'annuaire (« LYCEE POLYVALENT », « ECOLE DE NIVEAU
/// ELEMENTAIRE »…) ; `None` si elle ne dit rien d'un type de Passerelle.
pub(super) fn type_depuis_nature(nature: &str) -> Option<TypeEtablissement> {
    let n = cle(nature);
    let a = |mot: &str| n.contains(mot);
    Some(if a("erea") || a("regional d enseignement adapte") {
        TypeEtablissement::Erea
    } else if n.starts_with("college") {
        TypeEtablissement::College
    } else if a("lycee polyvalent") {
        TypeEtablissement::Lpo
    } else if a("lycee professionnel") || a("section d enseignement professionnel") {
        TypeEtablissement::Lp
    } else if n.starts_with("lycee") || a("section d enseignement general") {
        TypeEtablissement::Lgt
    } else if n.starts_with("ecole") {
        TypeEtablissement::Ecole
    } else if a("formation d apprentis") || n.starts_with("cfa") {
        TypeEtablissement::Cfa
    } else {
        return None;
    })
}

/// Le type d'après `type_etablissement` (« Ecole », « Collège », « EREA »…), quand la nature
/// manque ; un « Lycée » sans nature ne dit pas lequel.
pub(super) fn type_depuis_type(t: &str) -> Option<TypeEtablissement> {
    match cle(t).as_str() {
        "ecole" => Some(TypeEtablissement::Ecole),
        "college" => Some(TypeEtablissement::College),
        "erea" => Some(TypeEtablissement::Erea),
        _ => None,
    }
}

fn statut(s: &str) -> Option<StatutEtablissement> {
    let s = cle(s);
    if s == "public" {
        Some(StatutEtablissement::Public)
    } else if s.starts_with("prive") {
        Some(StatutEtablissement::Prive)
    } else {
        None
    }
}

/// « A FERMER » : encore ouvert ; « FERME » : fermé.
fn etat(s: &str) -> Option<EtatEtablissement> {
    match cle(s).as_str() {
        "ouvert" | "a ouvrir" | "a fermer" => Some(EtatEtablissement::Ouvert),
        "ferme" | "fermee" => Some(EtatEtablissement::Ferme),
        _ => None,
    }
}
