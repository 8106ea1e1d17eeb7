//! Établissements : code UAI contrôlé, type, commune, académie et bassin.

use super::validation;
use crate::base::Ligne;
use crate::liste::{self, Filtre, Liste, ParametresListe, Requete};
use crate::vocabulaire::Code;
use crate::{texte, Controle, Resultat};
use rusqlite::{Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

crate::codes! {
    /// Type d'établissement scolaire.
    pub enum TypeEtablissement {
        Ecole = "ecole" => "École",
        College = "college" => "Collège",
        Lp = "lp" => "Lycée professionnel (LP)",
        Lgt = "lgt" => "Lycée général et technologique (LGT)",
        Lpo = "lpo" => "Lycée polyvalent (LPO)",
        Erea = "erea" => "EREA",
        Cfa = "cfa" => "CFA",
        Autre = "autre" => "Autre",
    }
}

crate::codes! {
    /// Public ou privé, tel que l'Annuaire de l'éducation le dit (non renseigné : NULL).
    pub enum StatutEtablissement {
        Public = "public" => "Public",
        Prive = "prive" => "Privé",
    }
}

crate::codes! {
    /// Ouvert ou fermé, d'après le dernier import de l'Annuaire de l'éducation.
    pub enum EtatEtablissement {
        Ouvert = "ouvert" => "Ouvert",
        Ferme = "ferme" => "Fermé",
    }
}

#[derive(Debug, Clone, Serialize, Ligne)]
pub struct Etablissement {
    pub id: i64,
    pub uai: String,
    pub nom: String,
    #[serde(rename = "type")]
    pub type_: TypeEtablissement,
    pub commune: String,
    pub academie_id: i64,
    pub academie: String,
    pub bassin_id: Option<i64>,
    pub bassin: Option<String>,
    /// Ouvert ou fermé d'après le dernier import de l'Annuaire de l'éducation (sinon inconnu).
    pub etat: Option<EtatEtablissement>,
    /// Ce que l'Annuaire de l'éducation dit de l'établissement (nature, statut, adresse…), en
    /// lecture : l'import le tient, la saisie ne le change pas. Vide pour une fiche saisie.
    #[ligne(par = annuaire_officiel)]
    pub annuaire_officiel: Vec<Information>,
}

/// Une information de la fiche : son libellé français et sa valeur, prête à afficher.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Information {
    pub libelle: &'static str,
    pub valeur: String,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct SaisieEtablissement {
    pub uai: String,
    pub nom: String,
    #[serde(rename = "type")]
    pub type_: String,
    #[serde(default)]
    pub commune: String,
    pub academie_id: Option<i64>,
    pub bassin_id: Option<i64>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct FiltreEtablissements {
    #[serde(flatten)]
    pub liste: ParametresListe,
    pub academie_id: Option<i64>,
    pub bassin_id: Option<i64>,
    #[serde(rename = "type")]
    pub type_: Option<String>,
}

const REQUETE: Requete = Requete {
    colonnes: "
        e.id AS id,
        e.uai AS uai,
        e.nom AS nom,
        e.type AS type_,
        e.commune AS commune,
        e.academie_id AS academie_id,
        a.nom AS academie,
        e.bassin_id AS bassin_id,
        b.nom AS bassin,
        e.etat AS etat,
        e.nature AS nature,
        e.statut AS statut,
        e.adresse AS adresse,
        e.code_postal AS code_postal,
        e.telephone AS telephone,
        e.email AS email,
        e.siret AS siret
    ",
    tables: "etablissement e LEFT JOIN academie a ON a.id = e.academie_id LEFT JOIN bassin b ON b.id = e.bassin_id",
    id: "e.id",
};

const TRIS: &[(&str, &str)] = &[
    // La clé commence par le nom normalisé : même ordre, et l'index etablissement_recherche.
    ("nom", "e.recherche"),
    ("uai", "e.uai"),
    ("type", "e.type"),
    ("commune", "normaliser(e.commune)"),
    ("academie", "normaliser(a.nom)"),
    ("bassin", "normaliser(b.nom)"),
];

/// Les champs de l'Annuaire de l'éducation renseignés, dans l'ordre de la fiche.
fn annuaire_officiel(r: &Row) -> rusqlite::Result<Vec<Information>> {
    let texte = |colonne: &str| -> rusqlite::Result<String> {
        Ok(r.get::<_, Option<String>>(colonne)?.unwrap_or_default())
    };
    // Le fichier officiel écrit souvent le code postal dans l'adresse : il n'est pas redit.
    let adresse = texte("adresse")?;
    let code_postal = texte("code_postal")?;
    let code_postal = if adresse.contains(code_postal.as_str()) {
        String::new()
    } else {
        code_postal
    };
    let statut: Option<StatutEtablissement> = r.get("statut")?;
    let etat: Option<EtatEtablissement> = r.get("etat")?;
    let infos = [
        ("Nature", texte("nature")?),
        (
            "Statut",
            statut.map(|s| s.libelle().to_string()).unwrap_or_default(),
        ),
        ("Adresse", adresse),
        ("Code postal", code_postal),
        ("Téléphone", texte("telephone")?),
        ("Courriel", texte("email")?),
        ("SIRET", texte("siret")?),
        (
            "État",
            etat.map(|e| e.libelle().to_string()).unwrap_or_default(),
        ),
    ];
    Ok(infos
        .into_iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(libelle, valeur)| Information { libelle, valeur })
        .collect())
}

pub fn lister(conn: &Connection, f: &FiltreEtablissements) -> Resultat<Liste<Etablissement>> {
    Filtre::default()
        .recherche_indexee(
            conn,
            ("e.id", "etablissement", "e.recherche"),
            &[("bassin_id", "bassin", "b.recherche")],
            &f.liste.recherche,
        )
        .egal("e.academie_id", f.academie_id)
        .egal("e.bassin_id", f.bassin_id)
        .egal("e.type", f.type_.clone().filter(|t| !t.is_empty()))
        .lister(conn, &REQUETE, TRIS, &f.liste, Etablissement::depuis_ligne)
}

pub fn lire(conn: &Connection, id: i64) -> Resultat<Etablissement> {
    liste::lire_un(
        conn,
        &REQUETE,
        "e.id",
        id,
        "L'établissement",
        Etablissement::depuis_ligne,
    )
}

pub fn trouver_uai(conn: &Connection, uai: &str) -> Resultat<Etablissement> {
    let uai = uai.trim().to_uppercase();
    let id: Option<i64> = conn
        .query_row("SELECT id FROM etablissement WHERE uai = ?1", [&uai], |r| {
            r.get(0)
        })
        .optional()?;
    match id {
        Some(id) => lire(conn, id),
        None => Err(crate::Erreur::Introuvable(format!(
            "Aucun établissement n'a le code UAI « {uai} »."
        ))),
    }
}

struct Valide {
    uai: String,
    nom: String,
    type_: TypeEtablissement,
    commune: String,
    academie_id: i64,
    bassin_id: Option<i64>,
}

impl Valide {
    fn cle(&self) -> String {
        cle_recherche(&self.uai, &self.nom, &self.commune)
    }
}

/// Clé de recherche d'un établissement : son nom d'abord, pour que l'index de cette clé donne
/// la liste triée par nom (migration 14), puis l'UAI et la commune.
pub(crate) fn cle_recherche(uai: &str, nom: &str, commune: &str) -> String {
    texte::cle_recherche(&[nom, uai, commune])
}

fn valider(conn: &Connection, s: &SaisieEtablissement, id: Option<i64>) -> Resultat<Valide> {
    let mut c = Controle::default();
    let uai = c.champ("uai", validation::uai(&s.uai));
    if let Some(code) = &uai {
        let autre: Option<String> = crate::base::une(
            conn,
            "SELECT nom FROM etablissement WHERE uai = ?1 AND id IS NOT ?2",
            rusqlite::params![code, id],
        )?;
        if let Some(nom) = autre {
            c.ajouter(
                "uai",
                format!("Le code UAI {code} est déjà celui de « {nom} »."),
            );
        }
    }
    let nom = c.champ(
        "nom",
        texte::obligatoire("Le nom de l'établissement", &s.nom),
    );
    let type_ = c.champ(
        "type",
        TypeEtablissement::choisi(&s.type_, "le type d'établissement"),
    );
    let academie_id = match s.academie_id {
        Some(a) if liste::existe(conn, "academie", a)? => Some(a),
        _ => {
            c.ajouter("academie_id", "Choisissez l'académie de l'établissement.");
            None
        }
    };
    if let Some(b) = s.bassin_id {
        let academie_du_bassin: Option<i64> = conn
            .query_row("SELECT academie_id FROM bassin WHERE id = ?1", [b], |r| {
                r.get(0)
            })
            .optional()?;
        match academie_du_bassin {
            None => c.ajouter(
                "bassin_id",
                "Ce bassin n'existe plus : choisissez-en un autre.",
            ),
            Some(a) if academie_id.is_some_and(|choisie| choisie != a) => c.ajouter(
                "bassin_id",
                "Ce bassin n'appartient pas à l'académie choisie.",
            ),
            Some(_) => {}
        }
    }
    c.fin()?;
    Ok(Valide {
        uai: uai.unwrap_or_default(),
        nom: nom.unwrap_or_default(),
        type_: type_.unwrap_or_default(),
        commune: texte::nettoyer(&s.commune),
        academie_id: academie_id.unwrap_or_default(),
        bassin_id: s.bassin_id,
    })
}

pub fn creer(conn: &Connection, s: &SaisieEtablissement) -> Resultat<Etablissement> {
    let v = valider(conn, s, None)?;
    conn.execute(
        "INSERT INTO etablissement (uai, nom, type, commune, academie_id, bassin_id, recherche) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        rusqlite::params![v.uai, v.nom, v.type_, v.commune, v.academie_id, v.bassin_id, v.cle()],
    )?;
    lire(conn, conn.last_insert_rowid())
}

pub fn modifier(conn: &Connection, id: i64, s: &SaisieEtablissement) -> Resultat<Etablissement> {
    lire(conn, id)?;
    let v = valider(conn, s, Some(id))?;
    conn.execute(
        "UPDATE etablissement SET uai = ?1, nom = ?2, type = ?3, commune = ?4, academie_id = ?5, bassin_id = ?6, recherche = ?7
         WHERE id = ?8",
        rusqlite::params![v.uai, v.nom, v.type_, v.commune, v.academie_id, v.bassin_id, v.cle(), id],
    )?;
    lire(conn, id)
}

pub fn supprimer(conn: &Connection, id: i64) -> Resultat<()> {
    let e = lire(conn, id)?;
    liste::supprimer(conn, "etablissement", id, &e.nom)
}
