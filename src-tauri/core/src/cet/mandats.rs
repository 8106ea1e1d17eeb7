//! Mandats des CET : nomination (arrêté) puis renouvellements, chacun daté. L'état d'un CET se
//! lit sur son mandat le plus récent ; une campagne de renouvellement (par exemple tous les
//! mandats renouvelés au 1er janvier) se prévisualise puis s'applique en une fois.

use crate::base::Ligne;
use crate::vocabulaire::Code;
use crate::{dates, liste, Controle, Erreur, Resultat};
use chrono::{Days, NaiveDate};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

/// Jointure du mandat le plus récent (par début) du CET `x`, nommé `m` : le mandat en cours ou
/// à venir. Le registre, la campagne et l'échéancier lisent l'état du CET sur lui.
macro_rules! jointure_mandat_recent {
    () => {
        "JOIN mandat_cet m ON m.id = (SELECT m2.id FROM mandat_cet m2 WHERE m2.cet_id = x.id ORDER BY m2.debut DESC, m2.id DESC LIMIT 1)"
    };
}
pub(crate) use jointure_mandat_recent;

/// Un mandat qui finit dans ce délai est « à renouveler ».
pub const JOURS_FIN_PROCHE: u64 = 180;

crate::codes! {
    /// État du mandat le plus récent d'un CET (« à renouveler » : fin dans moins de six mois).
    pub enum EtatMandat {
        EnCours = "en_cours" => "En cours",
        FinProche = "fin_proche" => "À renouveler",
        Echu = "echu" => "Échu",
        AVenir = "a_venir" => "À venir",
        SansMandat = "sans_mandat" => "Sans mandat",
    }
}

pub fn etat(debut: Option<NaiveDate>, fin: Option<NaiveDate>, aujourdhui: NaiveDate) -> EtatMandat {
    match (debut, fin) {
        (Some(d), _) if d > aujourdhui => EtatMandat::AVenir,
        (Some(_), Some(f)) if f < aujourdhui => EtatMandat::Echu,
        (Some(_), Some(f)) if f <= aujourdhui + Days::new(JOURS_FIN_PROCHE) => {
            EtatMandat::FinProche
        }
        (Some(_), Some(_)) => EtatMandat::EnCours,
        _ => EtatMandat::SansMandat,
    }
}

/// Condition SQL (sur `m`, le mandat le plus récent joint par le registre) d'un état choisi.
pub fn condition_etat(code: &str, aujourdhui: NaiveDate) -> Result<(String, Vec<String>), String> {
    let j = dates::iso(aujourdhui);
    let proche = dates::iso(aujourdhui + Days::new(JOURS_FIN_PROCHE));
    let etat = EtatMandat::depuis_code(code)
        .ok_or_else(|| format!("État de mandat inconnu : « {code} »."))?;
    Ok(match etat {
        EtatMandat::EnCours => ("m.debut <= {} AND m.fin >= {}".into(), vec![j.clone(), j]),
        EtatMandat::FinProche => (
            "m.debut <= {} AND m.fin >= {} AND m.fin <= {}".into(),
            vec![j.clone(), j, proche],
        ),
        EtatMandat::Echu => ("m.fin < {}".into(), vec![j]),
        EtatMandat::AVenir => ("m.debut > {}".into(), vec![j]),
        EtatMandat::SansMandat => ("m.id IS NULL".into(), vec![]),
    })
}

#[derive(Debug, Clone, Serialize, Ligne)]
pub struct Mandat {
    pub id: i64,
    pub date_arrete: Option<NaiveDate>,
    pub debut: NaiveDate,
    pub fin: NaiveDate,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct SaisieMandat {
    pub date_arrete: String,
    pub debut: String,
    pub fin: String,
}

pub(crate) struct MandatValide {
    pub date_arrete: Option<NaiveDate>,
    pub debut: NaiveDate,
    pub fin: NaiveDate,
}

/// Noms des champs de début et de fin dans le formulaire qui saisit le mandat : les erreurs
/// s'affichent sous eux.
pub(crate) const CHAMPS_MANDAT: (&str, &str) = ("debut_mandat", "fin_mandat");
const CHAMPS_CAMPAGNE: (&str, &str) = ("nouveau_debut", "nouvelle_fin");

/// Dates d'un mandat : début et fin obligatoires, fin après le début, arrêté facultatif.
pub(crate) fn valider_dates(
    arrete: &str,
    debut: &str,
    fin: &str,
    champs: (&'static str, &'static str),
    c: &mut Controle,
) -> Option<MandatValide> {
    let date_arrete = c
        .champ(
            "date_arrete",
            dates::lire_facultative(arrete).map_err(|e| format!("Date de l'arrêté : {e}")),
        )
        .flatten();
    let d = c.champ(
        champs.0,
        dates::lire(debut).map_err(|e| format!("Début du mandat : {e}")),
    );
    let f = c.champ(
        champs.1,
        dates::lire(fin).map_err(|e| format!("Fin du mandat : {e}")),
    );
    match (d, f) {
        (Some(d), Some(f)) if f < d => {
            c.ajouter(
                champs.1,
                format!(
                    "La fin du mandat ({}) précède son début ({}).",
                    dates::francaise(f),
                    dates::francaise(d)
                ),
            );
            None
        }
        (Some(debut), Some(fin)) => Some(MandatValide {
            date_arrete,
            debut,
            fin,
        }),
        _ => None,
    }
}

pub(crate) fn inserer(conn: &Connection, cet_id: i64, m: &MandatValide) -> Resultat<()> {
    conn.prepare_cached(
        "INSERT INTO mandat_cet (cet_id, date_arrete, debut, fin) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(rusqlite::params![
        cet_id,
        m.date_arrete.map(dates::iso),
        dates::iso(m.debut),
        dates::iso(m.fin)
    ])?;
    Ok(())
}

pub fn mandats(conn: &Connection, cet_id: i64) -> Resultat<Vec<Mandat>> {
    crate::base::toutes(
        conn,
        "SELECT id, date_arrete, debut, fin FROM mandat_cet WHERE cet_id = ?1 ORDER BY debut DESC, id DESC",
        [cet_id],
    )
}

/// Nouveau mandat (renouvellement) : il commence après le début du mandat le plus récent.
pub fn ajouter(conn: &Connection, cet_id: i64, s: &SaisieMandat) -> Resultat<Vec<Mandat>> {
    liste::exiger(conn, "cet", cet_id, "Le CET")?;
    let mut c = Controle::default();
    let m = valider_dates(&s.date_arrete, &s.debut, &s.fin, CHAMPS_MANDAT, &mut c);
    if let (Some(m), Some(dernier)) = (&m, mandats(conn, cet_id)?.first()) {
        if m.debut <= dernier.fin {
            c.ajouter(
                CHAMPS_MANDAT.0,
                format!(
                    "Le nouveau mandat commence avant la fin du mandat en cours ({}).",
                    dates::francaise(dernier.fin)
                ),
            );
        }
    }
    let m = c.fin_avec(m)?;
    inserer(conn, cet_id, &m)?;
    mandats(conn, cet_id)
}

// ——— Campagne de renouvellement ———

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct SaisieCampagne {
    /// Mandats (les plus récents) qui finissent au plus tard ce jour.
    pub fin_au_plus_tard: String,
    pub academie_id: Option<i64>,
    pub date_arrete: String,
    pub nouveau_debut: String,
    pub nouvelle_fin: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, Ligne)]
pub struct LigneCampagne {
    pub cet_id: i64,
    pub nom: String,
    pub secteur: String,
    pub fin_actuelle: NaiveDate,
}

struct Campagne {
    fin_au_plus_tard: NaiveDate,
    mandat: MandatValide,
}

fn valider_campagne(s: &SaisieCampagne) -> Resultat<Campagne> {
    let mut c = Controle::default();
    let fin_au_plus_tard = c.champ(
        "fin_au_plus_tard",
        dates::lire(&s.fin_au_plus_tard)
            .map_err(|e| format!("Mandats finissant au plus tard le : {e}")),
    );
    let mandat = valider_dates(
        &s.date_arrete,
        &s.nouveau_debut,
        &s.nouvelle_fin,
        CHAMPS_CAMPAGNE,
        &mut c,
    );
    if let (Some(f), Some(m)) = (fin_au_plus_tard, &mandat) {
        if m.debut <= f {
            c.ajouter(
                CHAMPS_CAMPAGNE.0,
                "Les nouveaux mandats commencent après la fin des mandats renouvelés.",
            );
        }
    }
    let (fin_au_plus_tard, mandat) = c.fin_avec(fin_au_plus_tard.zip(mandat))?;
    Ok(Campagne {
        fin_au_plus_tard,
        mandat,
    })
}

/// Les CET dont le mandat le plus récent finit au plus tard à la date choisie (et après la fin de
/// la campagne précédente : un mandat déjà renouvelé n'y est plus, puisque le plus récent est le nouveau).
pub fn apercu(conn: &Connection, s: &SaisieCampagne) -> Resultat<Vec<LigneCampagne>> {
    let camp = valider_campagne(s)?;
    candidats(conn, &camp, s.academie_id)
}

fn candidats(
    conn: &Connection,
    camp: &Campagne,
    academie_id: Option<i64>,
) -> Resultat<Vec<LigneCampagne>> {
    crate::base::toutes(conn, concat!(
        "SELECT x.id AS cet_id, p.nom || ' ' || p.prenom AS nom, x.secteur, m.fin AS fin_actuelle FROM cet x JOIN personne p ON p.id = x.personne_id ",
        jointure_mandat_recent!(),
        " WHERE m.fin <= ?1 AND (?2 IS NULL OR x.academie_id = ?2) ORDER BY normaliser(x.secteur), normaliser(p.nom), p.prenom"
    ), rusqlite::params![dates::iso(camp.fin_au_plus_tard), academie_id])
}

/// Applique la campagne aux CET retenus (`retenus` : parmi l'aperçu ; `None` : tous), en une
/// transaction. `suivi` compte les mandats ; une annulation défait toute la campagne.
/// Rend le nombre de mandats créés.
pub fn appliquer(
    conn: &Connection,
    s: &SaisieCampagne,
    retenus: Option<&[i64]>,
    suivi: &crate::travail::Suivi,
) -> Resultat<usize> {
    let camp = valider_campagne(s)?;
    let lignes = candidats(conn, &camp, s.academie_id)?;
    if let Some(r) = retenus {
        if let Some(intrus) = r.iter().find(|id| !lignes.iter().any(|l| l.cet_id == **id)) {
            return Err(Erreur::validation(
                "retenus",
                format!("Le CET n° {intrus} n'est pas concerné par cette campagne."),
            ));
        }
    }
    let choisis: Vec<&LigneCampagne> = lignes
        .iter()
        .filter(|l| retenus.is_none_or(|r| r.contains(&l.cet_id)))
        .collect();
    if choisis.is_empty() {
        return Err(Erreur::validation(
            "retenus",
            "Aucun mandat à renouveler avec ces dates.",
        ));
    }
    suivi.fixer_total(choisis.len() as u64);
    suivi.avancer(0)?;
    crate::base::atomique(conn, |conn| {
        crate::journal::par(conn, crate::journal::Chemin::Campagne, || {
            for (i, l) in choisis.iter().enumerate() {
                inserer(conn, l.cet_id, &camp.mandat)?;
                suivi.avancer(i as u64 + 1)?;
            }
            Ok(choisis.len())
        })
    })
}

/// Fins de mandat entre deux dates (mandats les plus récents seulement) : pour l'échéancier.
pub fn fins_entre(
    conn: &Connection,
    depuis: NaiveDate,
    jusqu_au: NaiveDate,
) -> Resultat<Vec<(i64, String, NaiveDate)>> {
    crate::base::toutes(
        conn,
        concat!(
            "SELECT x.id, p.prenom || ' ' || p.nom || CASE WHEN x.secteur <> '' THEN ' (' || x.secteur || ')' ELSE '' END, m.fin
             FROM cet x JOIN personne p ON p.id = x.personne_id ",
            jointure_mandat_recent!(),
            " WHERE m.fin BETWEEN ?1 AND ?2 ORDER BY m.fin"
        ),
        [dates::iso(depuis), dates::iso(jusqu_au)],
    )
}
