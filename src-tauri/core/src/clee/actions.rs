//! Actions d'un comité vers les élèves et les équipes : visites d'entreprise, forums,
//! témoignages de professionnels, stages trouvés par le pôle de stages, visites d'enseignants.

use crate::base::Ligne;
use crate::liste::{self, Filtre, Liste, ParametresListe, Requete};
use crate::vocabulaire::Code;
use crate::{csv, dates, texte, Controle, Resultat};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

crate::codes! {
    /// Type d'action d'un comité local École-entreprise.
    pub enum TypeActionClee {
        VisiteEntreprise = "visite_entreprise" => "Visite d'entreprise",
        Forum = "forum" => "Forum des métiers",
        Temoignage = "temoignage" => "Témoignage de professionnels",
        StagePole = "stage_pole" => "Stages trouvés par le pôle de stages",
        VisiteEnseignants = "visite_enseignants" => "Visite d'entreprise par des enseignants",
        Autre = "autre" => "Autre action",
    }
}

/// Maximum plausible pour une seule action d'un comité (contrôlé à la saisie) : 100 000
/// filles et 100 000 garçons, 10 000 enseignants. Au-delà, c'est une faute de frappe.
pub const MAX_JEUNES: i64 = 100_000;
pub const MAX_ENSEIGNANTS: i64 = 10_000;

/// Un effectif lu puis borné.
fn effectif(saisie: &str, libelle: &str, max: i64) -> Result<i64, String> {
    csv::entier_positif(saisie, libelle).and_then(|n| crate::nombres::borne(n, max, libelle))
}

#[derive(Debug, Clone, Serialize, Ligne)]
pub struct ActionClee {
    pub id: i64,
    pub comite_id: i64,
    pub comite: String,
    pub date: String,
    #[serde(rename = "type")]
    pub type_: TypeActionClee,
    pub intitule: String,
    pub filles: i64,
    pub garcons: i64,
    pub enseignants: i64,
    pub convention_id: Option<i64>,
    pub convention: Option<String>,
    #[ligne(avec = liste::ids)]
    pub etablissement_ids: Vec<i64>,
    #[ligne(avec = Option::unwrap_or_default)]
    pub etablissements: String,
    #[ligne(avec = liste::ids)]
    pub organisation_ids: Vec<i64>,
    #[ligne(avec = Option::unwrap_or_default)]
    pub organisations: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct SaisieActionClee {
    pub comite_id: Option<i64>,
    pub date: String,
    #[serde(rename = "type")]
    pub type_: String,
    pub intitule: String,
    pub filles: String,
    pub garcons: String,
    pub enseignants: String,
    pub convention_id: Option<i64>,
    pub etablissement_ids: Vec<i64>,
    pub organisation_ids: Vec<i64>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct FiltreActionsClee {
    #[serde(flatten)]
    pub liste: ParametresListe,
    pub comite_id: Option<i64>,
    #[serde(rename = "type")]
    pub type_: Option<String>,
    /// Rentrée de l'année scolaire (2025 pour 2025-2026).
    pub annee_scolaire: Option<i32>,
    pub academie_id: Option<i64>,
    pub convention_id: Option<i64>,
}

const REQUETE: Requete = Requete {
    colonnes: "
        x.id AS id,
        x.comite_id AS comite_id,
        c.nom AS comite,
        x.date AS date,
        x.type AS type_,
        x.intitule AS intitule,
        x.filles AS filles,
        x.garcons AS garcons,
        x.enseignants AS enseignants,
        x.convention_id AS convention_id,
        cv.titre AS convention,
        (SELECT group_concat(etablissement_id) FROM action_clee_etablissement WHERE action_id = x.id) AS etablissement_ids,
        (SELECT group_concat(e.nom, ', ') FROM action_clee_etablissement l JOIN etablissement e ON e.id = l.etablissement_id WHERE l.action_id = x.id) AS etablissements,
        (SELECT group_concat(organisation_id) FROM action_clee_organisation WHERE action_id = x.id) AS organisation_ids,
        (SELECT group_concat(o.nom, ', ') FROM action_clee_organisation l JOIN organisation o ON o.id = l.organisation_id WHERE l.action_id = x.id) AS organisations
    ",
    tables: "action_clee x LEFT JOIN comite_clee c ON c.id = x.comite_id LEFT JOIN convention cv ON cv.id = x.convention_id",
    id: "x.id",
};

const TRIS: &[(&str, &str)] = &[
    ("date", "x.date"),
    ("intitule", "normaliser(x.intitule)"),
    ("type", "x.type"),
    ("comite", "normaliser(c.nom)"),
];

pub fn lister(conn: &Connection, f: &FiltreActionsClee) -> Resultat<Liste<ActionClee>> {
    let mut filtre = Filtre::default();
    filtre
        .recherche(&["x.recherche"], &f.liste.recherche)
        .egal("x.comite_id", f.comite_id)
        .egal("c.academie_id", f.academie_id)
        .egal("x.convention_id", f.convention_id)
        .egal("x.type", f.type_.clone().filter(|t| !t.is_empty()));
    if let Some(a) = f.annee_scolaire {
        let periode = dates::Periode::Scolaire(a);
        periode
            .verifier()
            .map_err(|m| crate::Erreur::validation("annee_scolaire", m))?;
        let (debut, fin) = periode.bornes();
        filtre.condition_liee(
            "x.date BETWEEN {} AND {}",
            [dates::iso(debut), dates::iso(fin)],
        );
    }
    let mut p = f.liste.clone();
    if p.tri.is_none() {
        p.tri = Some("date".into());
        p.descendant = true;
    }
    filtre.lister(conn, &REQUETE, TRIS, &p, ActionClee::depuis_ligne)
}

pub fn lire(conn: &Connection, id: i64) -> Resultat<ActionClee> {
    liste::lire_un(
        conn,
        &REQUETE,
        "x.id",
        id,
        "L'action du comité",
        ActionClee::depuis_ligne,
    )
}

/// Une action contrôlée : date, type et nombres lus.
struct Valide {
    date: chrono::NaiveDate,
    type_: TypeActionClee,
    intitule: String,
    filles: i64,
    garcons: i64,
    enseignants: i64,
}

fn valider(conn: &Connection, s: &SaisieActionClee) -> Resultat<Valide> {
    let mut c = Controle::default();
    match s.comite_id {
        Some(x) if liste::existe(conn, "comite_clee", x)? => {}
        _ => c.ajouter("comite_id", "Choisissez le comité qui mène l'action."),
    }
    let date = c.champ(
        "date",
        dates::lire(&s.date).map_err(|e| format!("Date de l'action : {e}")),
    );
    let type_ = c.champ("type", TypeActionClee::choisi(&s.type_, "le type d'action"));
    let intitule = c.champ("intitule", texte::obligatoire("L'intitulé", &s.intitule));
    let filles = c.champ("filles", effectif(&s.filles, "Filles", MAX_JEUNES));
    let garcons = c.champ("garcons", effectif(&s.garcons, "Garçons", MAX_JEUNES));
    let enseignants = c.champ(
        "enseignants",
        effectif(&s.enseignants, "Enseignants", MAX_ENSEIGNANTS),
    );
    liste::verifier_ids(
        conn,
        &mut c,
        &[
            (
                "etablissement",
                &s.etablissement_ids,
                "etablissement_ids",
                "un établissement",
            ),
            (
                "organisation",
                &s.organisation_ids,
                "organisation_ids",
                "une organisation",
            ),
            (
                "convention",
                s.convention_id.as_slice(),
                "convention_id",
                "une convention",
            ),
        ],
    )?;
    let (date, type_) = c.fin_avec(date.zip(type_))?;
    Ok(Valide {
        date,
        type_,
        intitule: intitule.unwrap_or_default(),
        filles: filles.unwrap_or_default(),
        garcons: garcons.unwrap_or_default(),
        enseignants: enseignants.unwrap_or_default(),
    })
}

fn ecrire(conn: &Connection, id: Option<i64>, s: &SaisieActionClee) -> Resultat<i64> {
    let Valide {
        date,
        type_,
        intitule,
        filles,
        garcons,
        enseignants,
    } = valider(conn, s)?;
    let cle = texte::cle_recherche(&[&s.intitule]);
    let p = rusqlite::params![
        s.comite_id,
        dates::iso(date),
        type_,
        intitule,
        filles,
        garcons,
        enseignants,
        s.convention_id,
        cle
    ];
    crate::base::atomique(conn, |conn| {
        let id = match id {
            None => {
                conn.execute(
                    "INSERT INTO action_clee (comite_id, date, type, intitule, filles, garcons, enseignants, convention_id, recherche)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                    p,
                )?;
                conn.last_insert_rowid()
            }
            Some(id) => {
                conn.execute(
                    "UPDATE action_clee SET comite_id = ?1, date = ?2, type = ?3, intitule = ?4, filles = ?5, garcons = ?6,
                         enseignants = ?7, convention_id = ?8, recherche = ?9 WHERE id = ?10",
                    rusqlite::params_from_iter(p.iter().copied().chain([&id as &dyn rusqlite::ToSql])),
                )?;
                id
            }
        };
        liste::Liaison {
            table: "action_clee_etablissement",
            parent: "action_id",
            autre: "etablissement_id",
        }
        .remplacer(conn, id, &s.etablissement_ids)?;
        liste::Liaison {
            table: "action_clee_organisation",
            parent: "action_id",
            autre: "organisation_id",
        }
        .remplacer(conn, id, &s.organisation_ids)?;
        Ok(id)
    })
}

pub fn creer(conn: &Connection, s: &SaisieActionClee) -> Resultat<ActionClee> {
    let id = ecrire(conn, None, s)?;
    lire(conn, id)
}

pub fn modifier(conn: &Connection, id: i64, s: &SaisieActionClee) -> Resultat<ActionClee> {
    lire(conn, id)?;
    ecrire(conn, Some(id), s)?;
    lire(conn, id)
}

pub fn supprimer(conn: &Connection, id: i64) -> Resultat<()> {
    let a = lire(conn, id)?;
    liste::supprimer(conn, "action_clee", id, &a.intitule)
}
