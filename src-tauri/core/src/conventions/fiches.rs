//! Les conventions elles-mêmes : clauses, statut courant (le plus récent de l'historique),
//! avenants. Les dates dérivées viennent de `calendrier`.

use super::calendrier::{self, AvenantDeFin, Clauses, Renouvellement};
use crate::base::Ligne;
use crate::liste::{self, Filtre, Liste, ParametresListe, Requete};
use crate::vocabulaire::Code;
use crate::{dates, texte, Controle, Erreur, Resultat};
use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

crate::codes! {
    /// Type de convention.
    pub enum TypeConvention {
        CadreNationale = "cadre_nationale" => "Convention-cadre nationale",
        AccordCadre = "accord_cadre" => "Accord-cadre",
        DeclinaisonAcademique = "declinaison_academique" => "Déclinaison académique",
        AcademieOrganisation = "academie_organisation" => "Académie – organisation",
        EtablissementEntreprise = "etablissement_entreprise" => "Établissement – entreprise",
        Autre = "autre" => "Autre",
    }
}
crate::codes! {
    /// Niveau auquel une convention est signée.
    pub enum NiveauConvention {
        National = "national" => "National",
        Academique = "academique" => "Académique",
        Etablissement = "etablissement" => "Établissement",
    }
}
crate::codes! {
    /// Statut d'une convention (le plus récent de son historique fait le statut courant).
    pub enum StatutConvention {
        Projet = "projet" => "Projet",
        EnSignature = "en_signature" => "En signature",
        EnVigueur = "en_vigueur" => "En vigueur",
        SigneeHorsOutil = "signee_hors_outil" => "Signée hors outil",
        Echue = "echue" => "Échue",
        Denoncee = "denoncee" => "Dénoncée",
        Resiliee = "resiliee" => "Résiliée",
        Renouvelee = "renouvelee" => "Renouvelée",
    }
}

impl StatutConvention {
    /// Une convention dont les échéances comptent encore.
    pub fn vivant(self) -> bool {
        use StatutConvention::*;
        matches!(self, Projet | EnSignature | EnVigueur | SigneeHorsOutil)
    }
}

#[derive(Debug, Clone, Serialize, Ligne)]
pub struct Convention {
    pub id: i64,
    #[serde(rename = "type")]
    pub type_: TypeConvention,
    pub niveau: NiveauConvention,
    pub parent_id: Option<i64>,
    pub academie_id: Option<i64>,
    pub academie: Option<String>,
    pub titre: String,
    pub date_signature: Option<NaiveDate>,
    pub date_effet: NaiveDate,
    pub duree_mois: u32,
    pub renouvellement: Renouvellement,
    pub condition_renouvellement: String,
    pub preavis_mois: u32,
    pub evaluation_jour: Option<u32>,
    pub evaluation_mois: Option<u32>,
    pub reunions_par_an: u32,
    #[ligne(avec = statut_courant)]
    pub statut: StatutConvention,
    /// Convention qui la remplace quand elle a été renouvelée.
    pub remplacee_par_id: Option<i64>,
    /// Dérivées : fin après avenants, échéance en cours, limite de préavis, limite d'évaluation.
    #[ligne(defaut)]
    pub fin: Option<NaiveDate>,
    #[ligne(defaut)]
    pub echeance: Option<NaiveDate>,
    #[ligne(defaut)]
    pub limite_preavis: Option<NaiveDate>,
    #[ligne(defaut)]
    pub limite_evaluation: Option<NaiveDate>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct SaisieConvention {
    #[serde(rename = "type")]
    pub type_: String,
    pub niveau: String,
    pub parent_id: Option<i64>,
    pub academie_id: Option<i64>,
    pub titre: String,
    pub date_signature: String,
    pub date_effet: String,
    /// Durée en mois, ou en années si elle finit par « an(s) » : « 60 », « 5 ans ».
    pub duree: String,
    pub renouvellement: String,
    pub condition_renouvellement: String,
    pub preavis_mois: String,
    /// « 01/07 » : évaluation avant ce jour et ce mois de la dernière année.
    pub evaluation_avant: String,
    pub reunions_par_an: String,
    /// Statut à la création (ou nouveau statut à la modification), daté du jour.
    pub statut: String,
    pub remplacee_par_id: Option<i64>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct FiltreConventions {
    #[serde(flatten)]
    pub liste: ParametresListe,
    #[serde(rename = "type")]
    pub type_: Option<String>,
    pub statut: Option<String>,
    pub academie_id: Option<i64>,
}

/// Le plus récent de l'historique ; sans historique, une convention est un projet.
fn statut_courant(statut: Option<StatutConvention>) -> StatutConvention {
    statut.unwrap_or(StatutConvention::Projet)
}

const STATUT_COURANT: &str =
    "(SELECT s.statut FROM convention_statut s WHERE s.convention_id = c.id ORDER BY s.date DESC, s.id DESC LIMIT 1)";

const REQUETE: Requete = Requete {
    colonnes: "
        c.id AS id,
        c.type AS type_,
        c.niveau AS niveau,
        c.parent_id AS parent_id,
        c.academie_id AS academie_id,
        a.nom AS academie,
        c.titre AS titre,
        c.date_signature AS date_signature,
        c.date_effet AS date_effet,
        c.duree_mois AS duree_mois,
        c.renouvellement AS renouvellement,
        c.condition_renouvellement AS condition_renouvellement,
        c.preavis_mois AS preavis_mois,
        c.evaluation_jour AS evaluation_jour,
        c.evaluation_mois AS evaluation_mois,
        c.reunions_par_an AS reunions_par_an,
        (SELECT s.statut FROM convention_statut s WHERE s.convention_id = c.id ORDER BY s.date DESC, s.id DESC LIMIT 1) AS statut,
        c.remplacee_par_id AS remplacee_par_id
    ",
    tables: "convention c LEFT JOIN academie a ON a.id = c.academie_id",
    id: "c.id",
};

const TRIS: &[(&str, &str)] = &[
    ("titre", "normaliser(c.titre)"),
    ("effet", "c.date_effet"),
    ("type", "c.type"),
];

impl Convention {
    pub fn clauses(&self) -> Clauses {
        Clauses {
            effet: self.date_effet,
            duree_mois: self.duree_mois,
            renouvellement: self.renouvellement,
            preavis_mois: self.preavis_mois,
            evaluation_avant: self.evaluation_jour.zip(self.evaluation_mois),
        }
    }

    /// Remplit les dates dérivées, au jour donné (la reconduction tacite dépend du jour).
    fn deriver(mut self, avenants: &[AvenantDeFin], jour: NaiveDate) -> Self {
        let c = self.clauses();
        self.fin = calendrier::fin(&c, avenants);
        self.echeance = calendrier::echeance_au(&c, avenants, jour);
        self.limite_preavis = self
            .echeance
            .and_then(|e| calendrier::limite_preavis(e, c.preavis_mois));
        self.limite_evaluation = self.fin.and_then(|f| calendrier::limite_evaluation(&c, f));
        self
    }
}

pub fn avenants_de_fin(conn: &Connection, convention_id: i64) -> Resultat<Vec<AvenantDeFin>> {
    crate::base::toutes(
        conn,
        "SELECT date AS signe_le, nouvelle_fin FROM avenant WHERE convention_id = ?1 AND nouvelle_fin IS NOT NULL",
        [convention_id],
    )
}

fn aujourdhui() -> NaiveDate {
    chrono::Local::now().date_naive()
}

pub fn lister(conn: &Connection, f: &FiltreConventions) -> Resultat<Liste<Convention>> {
    let mut filtre = Filtre::default();
    filtre
        .recherche(&["c.recherche"], &f.liste.recherche)
        .egal("c.type", f.type_.clone().filter(|t| !t.is_empty()))
        .egal("c.academie_id", f.academie_id);
    if let Some(s) = f.statut.clone().filter(|s| !s.is_empty()) {
        filtre.condition_liee(&format!("{STATUT_COURANT} = {{}}"), [s]);
    }
    let mut l = filtre.lister(conn, &REQUETE, TRIS, &f.liste, Convention::depuis_ligne)?;
    let jour = aujourdhui();
    l.lignes = l
        .lignes
        .into_iter()
        .map(|c| Ok(c.clone().deriver(&avenants_de_fin(conn, c.id)?, jour)))
        .collect::<Resultat<_>>()?;
    Ok(l)
}

pub fn lire(conn: &Connection, id: i64) -> Resultat<Convention> {
    let c = liste::lire_un(
        conn,
        &REQUETE,
        "c.id",
        id,
        "La convention",
        Convention::depuis_ligne,
    )?;
    let avenants = avenants_de_fin(conn, id)?;
    Ok(c.deriver(&avenants, aujourdhui()))
}

struct Valide {
    type_: TypeConvention,
    niveau: NiveauConvention,
    titre: String,
    signature: Option<NaiveDate>,
    effet: NaiveDate,
    duree_mois: u32,
    renouvellement: Renouvellement,
    preavis_mois: u32,
    evaluation: Option<(u32, u32)>,
    reunions_par_an: u32,
    statut: Option<StatutConvention>,
}

/// « 60 », « 60 mois », « 5 ans » → mois.
pub fn duree_en_mois(saisie: &str) -> Result<u32, String> {
    let t = texte::normaliser(saisie);
    let (nombre, annees) = match t.strip_suffix("ans").or_else(|| t.strip_suffix("an")) {
        Some(n) => (n.trim().to_string(), true),
        None => (t.trim_end_matches("mois").trim().to_string(), false),
    };
    match nombre.parse::<u32>() {
        Ok(n) if n > 0 && n <= 1200 => Ok(if annees { n * 12 } else { n }),
        _ => Err(format!(
            "La durée « {} » doit être un nombre de mois (60) ou d'années (5 ans).",
            saisie.trim()
        )),
    }
}

/// « 01/07 » → (1, 7).
fn jour_et_mois(saisie: &str) -> Result<Option<(u32, u32)>, String> {
    let t = saisie.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let erreur = || {
        format!("La date limite d'évaluation « {t} » s'écrit JJ/MM, par exemple 01/07 pour le 1er juillet.")
    };
    let (j, m) = t.split_once('/').ok_or_else(erreur)?;
    let (j, m): (u32, u32) = (
        j.trim().parse().map_err(|_| erreur())?,
        m.trim().parse().map_err(|_| erreur())?,
    );
    NaiveDate::from_ymd_opt(2024, m, j)
        .map(|_| Some((j, m)))
        .ok_or_else(erreur)
}

fn entier(saisie: &str, defaut: u32, libelle: &str) -> Result<u32, String> {
    let t = saisie.trim();
    if t.is_empty() {
        return Ok(defaut);
    }
    t.parse::<u32>()
        .map_err(|_| format!("{libelle} : « {t} » doit être un nombre entier positif."))
}

fn valider(s: &SaisieConvention, creation: bool) -> Resultat<Valide> {
    let mut c = Controle::default();
    let type_ = c.champ(
        "type",
        TypeConvention::choisi(&s.type_, "le type de convention"),
    );
    let niveau = match s.niveau.trim() {
        "" => Some(NiveauConvention::Academique),
        saisi => c.champ("niveau", NiveauConvention::choisi(saisi, "le niveau")),
    };
    let titre = c.champ("titre", texte::obligatoire("Le titre", &s.titre));
    let signature = c
        .champ(
            "date_signature",
            dates::lire_facultative(&s.date_signature).map_err(|e| format!("Signature : {e}")),
        )
        .flatten();
    let effet = c.champ(
        "date_effet",
        dates::lire(&s.date_effet).map_err(|e| format!("Date d'effet : {e}")),
    );
    // Une date d'effet antérieure à la signature est possible (effet rétroactif : APCM 2003).
    let duree = c.champ("duree", duree_en_mois(&s.duree));
    let renouvellement = match s.renouvellement.trim() {
        "" => Some(Renouvellement::Aucun),
        saisi => c.champ(
            "renouvellement",
            Renouvellement::choisi(saisi, "le mode de renouvellement"),
        ),
    };
    let preavis = c.champ("preavis_mois", entier(&s.preavis_mois, 0, "Préavis (mois)"));
    let evaluation = c
        .champ("evaluation_avant", jour_et_mois(&s.evaluation_avant))
        .flatten();
    let reunions = c.champ(
        "reunions_par_an",
        entier(&s.reunions_par_an, 2, "Réunions du groupe de suivi par an"),
    );
    let statut = match (s.statut.trim(), creation) {
        ("", true) => Some(StatutConvention::Projet),
        ("", false) => None,
        (st, _) => c.champ("statut", StatutConvention::choisi(st, "le statut")),
    };
    let effet = c.fin_avec(effet)?;
    Ok(Valide {
        type_: type_.unwrap_or_default(),
        niveau: niveau.unwrap_or_default(),
        titre: titre.unwrap_or_default(),
        signature,
        effet,
        duree_mois: duree.unwrap_or(12),
        renouvellement: renouvellement.unwrap_or_default(),
        preavis_mois: preavis.unwrap_or(0),
        evaluation,
        reunions_par_an: reunions.unwrap_or(2),
        statut,
    })
}

fn ecrire(conn: &Connection, id: Option<i64>, s: &SaisieConvention, v: &Valide) -> Resultat<i64> {
    for (champ, table, valeur) in [
        ("parent_id", "convention", s.parent_id),
        ("academie_id", "academie", s.academie_id),
        ("remplacee_par_id", "convention", s.remplacee_par_id),
    ] {
        if let Some(x) = valeur {
            if !liste::existe(conn, table, x)? || Some(x) == id {
                return Err(Erreur::validation(
                    champ,
                    "Ce choix n'existe pas (ou plus).",
                ));
            }
        }
    }
    let cle = texte::cle_recherche(&[&v.titre, &s.condition_renouvellement]);
    let p = rusqlite::params![
        v.type_,
        v.niveau,
        s.parent_id,
        s.academie_id,
        v.titre,
        v.signature.map(dates::iso),
        dates::iso(v.effet),
        v.duree_mois,
        v.renouvellement,
        s.condition_renouvellement.trim(),
        v.preavis_mois,
        v.evaluation.map(|e| e.0),
        v.evaluation.map(|e| e.1),
        v.reunions_par_an,
        cle,
        s.remplacee_par_id
    ];
    let id = match id {
        None => {
            conn.execute(
                "INSERT INTO convention (type, niveau, parent_id, academie_id, titre, date_signature, date_effet, duree_mois,
                     renouvellement, condition_renouvellement, preavis_mois, evaluation_jour, evaluation_mois, reunions_par_an, recherche,
                     remplacee_par_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
                p,
            )?;
            conn.last_insert_rowid()
        }
        Some(id) => {
            conn.execute(
                "UPDATE convention SET type = ?1, niveau = ?2, parent_id = ?3, academie_id = ?4, titre = ?5, date_signature = ?6,
                     date_effet = ?7, duree_mois = ?8, renouvellement = ?9, condition_renouvellement = ?10, preavis_mois = ?11,
                     evaluation_jour = ?12, evaluation_mois = ?13, reunions_par_an = ?14, recherche = ?15, remplacee_par_id = ?16
                 WHERE id = ?17",
                rusqlite::params_from_iter(p.iter().copied().chain([&id as &dyn rusqlite::ToSql])),
            )?;
            id
        }
    };
    Ok(id)
}

/// Enregistre un changement de statut daté (le plus récent fait le statut courant).
pub fn changer_statut(
    conn: &Connection,
    id: i64,
    statut: StatutConvention,
    date: NaiveDate,
) -> Resultat<()> {
    conn.execute(
        "INSERT INTO convention_statut (convention_id, statut, date) VALUES (?1, ?2, ?3)",
        rusqlite::params![id, statut, dates::iso(date)],
    )?;
    Ok(())
}

pub fn creer(conn: &Connection, s: &SaisieConvention) -> Resultat<Convention> {
    let v = valider(s, true)?;
    let id = crate::base::atomique(conn, |c| {
        let id = ecrire(c, None, s, &v)?;
        changer_statut(
            c,
            id,
            v.statut.unwrap_or(StatutConvention::Projet),
            v.signature.unwrap_or(v.effet).min(aujourdhui()),
        )?;
        Ok(id)
    })?;
    lire(conn, id)
}

pub fn modifier(conn: &Connection, id: i64, s: &SaisieConvention) -> Resultat<Convention> {
    let avant = lire(conn, id)?;
    let v = valider(s, false)?;
    crate::base::atomique(conn, |c| {
        ecrire(c, Some(id), s, &v)?;
        match v.statut.filter(|st| *st != avant.statut) {
            Some(st) => changer_statut(c, id, st, aujourdhui()),
            None => Ok(()),
        }
    })?;
    lire(conn, id)
}

pub fn supprimer(conn: &Connection, id: i64) -> Resultat<()> {
    let c = lire(conn, id)?;
    liste::supprimer(conn, "convention", id, &c.titre)
}

pub use super::avenants::{
    ajouter_avenant, avenants, statuts, Avenant, ChangementDeStatut, SaisieAvenant,
};
