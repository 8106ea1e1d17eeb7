//! Importer des paquets. Chaque paquet est tout-ou-rien ; le même paquet deux fois ne change
//! rien ; un paquet plus récent de la même contribution (source, périmètre, portée, période)
//! la remplace : ce qui a disparu à la source disparaît ici, et rien d'autre. Une fiche modifiée
//! ici depuis son import, ou reçue différente de deux sources, n'est pas écrasée : le conflit est
//! noté avec les deux versions. L'annuaire est rapproché par UAI, SIRET, courriel, puis nom et
//! organisation ; un rapprochement douteux est signalé, jamais fait en silence.

use super::fusion::Fusion;
use super::paquet::{self, Manifeste};
use super::{identite, schema};
use crate::annuaire::recherche;
use crate::journal::{self, Chemin};
use crate::travail::Suivi;
use crate::vocabulaire::Code;
use crate::{base, dates, Erreur, Resultat};
use rusqlite::{params, Connection};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(Debug, Default, Clone, Serialize)]
pub struct CompteRendu {
    pub fichier: String,
    pub source: String,
    pub perimetre: String,
    pub portee: String,
    pub periode: String,
    /// Ce paquet (même empreinte) était déjà importé : rien n'a changé.
    pub deja_recu: bool,
    pub nouvelles: usize,
    pub remplacees: usize,
    pub inchangees: usize,
    pub supprimees: usize,
    /// Fiches de l'annuaire reçues et reconnues dans cette base.
    pub rapprochees: usize,
    /// « Convention « … » : modifiée ici depuis son import », une ligne par conflit noté.
    pub conflits: Vec<String>,
    pub essai: bool,
}

/// Le résultat d'un paquet : son compte rendu, ou pourquoi il a été refusé (rien n'en est entré).
#[derive(Debug, Serialize)]
pub struct Resultat1 {
    pub fichier: String,
    pub compte_rendu: Option<CompteRendu>,
    pub erreur: Option<String>,
}

use crate::fichiers::nom as nom_de_fichier;

/// Importe chaque paquet (tout-ou-rien pour chacun : un paquet refusé n'empêche pas les autres
/// d'entrer) ; `essai` : tout est défait à la fin. Annuler par `suivi` défait aussi les paquets
/// déjà passés : « rien n'a été enregistré » reste vrai.
pub fn importer(
    conn: &Connection,
    chemins: &[PathBuf],
    essai: bool,
    suivi: &Suivi,
) -> Resultat<Vec<Resultat1>> {
    suivi.fixer_total(chemins.len() as u64);
    // Des dizaines de milliers de fiches d'une table indexée : son index de recherche est
    // reconstruit après coup plutôt que tenu fiche à fiche (voir `recherche::pour_des_arrivees`).
    let (arrivees, a_lire) = a_venir(conn, chemins)?;
    let arrivees: Vec<(&str, usize)> = arrivees.iter().map(|(t, n)| (t.as_str(), *n)).collect();
    // Le schéma de cette base, lu une fois pour tous les paquets.
    let schema = schema::lire(conn)?;
    let point = base::Point::ouvrir(conn, "paquets")?;
    // Les déclencheurs du journal sont ôtés puis reposés une fois pour tous les paquets : les
    // reposer après chacun coûtait 13 ms par paquet, même déjà reçu.
    let r = recherche::pour_des_arrivees(conn, &arrivees, || {
        journal::par(conn, Chemin::Import, || {
            journal::creations_en_bloc(conn, || {
                importer_chacun(conn, &schema, chemins, a_lire, essai, suivi)
            })
        })
    });
    match r {
        Ok(r) if !essai => point.valider().map(|_| r),
        Ok(r) => point.annuler().map(|_| r),
        Err(e) => {
            point.annuler()?;
            Err(e)
        }
    }
}

/// Importe les paquets comme `importer`, après une sauvegarde de la base `base` (sauf en
/// essai) : la fenêtre et la ligne de commande passent par ici.
pub fn importer_apres_sauvegarde(
    conn: &Connection,
    base: &Path,
    chemins: &[PathBuf],
    essai: bool,
    suivi: &Suivi,
) -> Resultat<Vec<Resultat1>> {
    if !essai {
        crate::sauvegardes::avant(conn, base, crate::sauvegardes::Raison::AvantImport)?;
    }
    importer(conn, chemins, essai, suivi)
}

/// Les fiches que les paquets pas encore reçus apportent, par table (d'après leurs manifestes),
/// et pour chaque paquet s'il faut le lire en entier : pas s'il est déjà reçu (même
/// empreinte), réimporter des paquets inchangés ne relit que leurs manifestes.
fn a_venir(
    conn: &Connection,
    chemins: &[PathBuf],
) -> Resultat<(BTreeMap<String, usize>, Vec<bool>)> {
    let mut deja = conn.prepare("SELECT 1 FROM consolidation_source WHERE empreinte = ?1")?;
    let mut fiches = BTreeMap::new();
    let mut a_lire = Vec::with_capacity(chemins.len());
    for chemin in chemins {
        // Illisible : `importer_un` le dira.
        let Ok(m) = paquet::lire_manifeste(chemin) else {
            a_lire.push(false);
            continue;
        };
        let nouveau = !deja.exists([&m.empreinte])?;
        a_lire.push(nouveau);
        if !nouveau {
            continue;
        }
        for (table, n) in m.comptes {
            // Le manifeste n'est pas encore vérifié : ses comptes peuvent mentir.
            let n = usize::try_from(n).unwrap_or(0);
            let total = fiches.entry(table).or_insert(0usize);
            *total = total.saturating_add(n);
        }
    }
    Ok((fiches, a_lire))
}

/// Un paquet lu et vérifié d'avance (`None` : pas lu, déjà reçu d'après son empreinte).
type PaquetLu = Option<Resultat<(Manifeste, paquet::Contenu)>>;

/// Les paquets, chacun dans son point tout-ou-rien. Un second fil lit et vérifie (empreinte)
/// le paquet suivant pendant que celui-ci fusionne : lecture et fusion se recouvrent sur les
/// deux cœurs d'un portable (bench-consolidation). Il n'en garde qu'un d'avance en mémoire.
fn importer_chacun(
    conn: &Connection,
    schema: &schema::Schema,
    chemins: &[PathBuf],
    a_lire: Vec<bool>,
    essai: bool,
    suivi: &Suivi,
) -> Resultat<Vec<Resultat1>> {
    std::thread::scope(|fils| {
        let (envoi, reception) = std::sync::mpsc::sync_channel::<PaquetLu>(1);
        fils.spawn(move || {
            for (chemin, lire) in chemins.iter().zip(a_lire) {
                // Réception fermée : l'import s'est arrêté (annulation, erreur de base).
                if envoi.send(lire.then(|| paquet::lire(chemin))).is_err() {
                    break;
                }
            }
        });
        let mut resultats = Vec::new();
        for chemin in chemins {
            let fichier = nom_de_fichier(chemin);
            // Rien reçu : le second fil a paniqué (`scope` relance sa panique) ; le paquet est
            // alors lu ici.
            let lu = reception.recv().ok().flatten();
            let r = base::atomique(conn, |conn| importer_un(conn, schema, chemin, lu));
            resultats.push(match r {
                Ok(mut cr) => {
                    cr.essai = essai;
                    Resultat1 {
                        fichier,
                        compte_rendu: Some(cr),
                        erreur: None,
                    }
                }
                Err(e) => Resultat1 {
                    fichier,
                    compte_rendu: None,
                    erreur: Some(e.to_string()),
                },
            });
            suivi.avancer(1)?;
        }
        Ok(resultats)
    })
}

pub(super) fn refus(m: &str) -> Erreur {
    Erreur::Import(vec![m.to_string()])
}

/// Un paquet ; `lu` : son contenu déjà lu et vérifié par le second fil, s'il l'a été.
fn importer_un(
    conn: &Connection,
    schema: &schema::Schema,
    chemin: &Path,
    lu: PaquetLu,
) -> Resultat<CompteRendu> {
    // Le manifeste d'abord : un paquet déjà reçu (même empreinte) n'est pas relu en entier.
    let m = paquet::lire_manifeste(chemin)?;
    let moi = identite(conn)?;
    let mut cr = CompteRendu {
        fichier: nom_de_fichier(chemin),
        source: m.source_nom.clone(),
        perimetre: m.perimetre.libelle().to_string(),
        portee: m.portee.clone(),
        periode: m.periode.clone(),
        ..Default::default()
    };
    if m.source_uid == moi.uid {
        return Err(refus(
            "Ce paquet a été exporté par cette base même : il n'y a rien à y consolider.",
        ));
    }
    let connue: Option<(String, String)> = crate::base::une(
        conn,
        "SELECT empreinte, cree_le FROM consolidation_source
             WHERE source_uid = ?1 AND perimetre = ?2 AND portee = ?3 AND periode = ?4",
        params![m.source_uid, m.perimetre, m.portee, m.periode],
    )?;
    if let Some((empreinte, cree_le)) = &connue {
        if *empreinte == m.empreinte {
            cr.deja_recu = true;
            return Ok(cr);
        }
        if *cree_le > m.cree_le {
            return Err(refus(&format!(
                "Un paquet plus récent de « {} » pour ce périmètre et cette période est déjà importé (exporté le {}) ; celui-ci, exporté le {}, est plus ancien : il n'a pas été importé.",
                m.source_nom, dates::horodatage_fr(cree_le, " à "), dates::horodatage_fr(&m.cree_le, " à ")
            )));
        }
    }
    let (m, c) = match lu {
        Some(lu) => lu?,
        None => paquet::lire(chemin)?,
    };
    let source_id = enregistrer_source(conn, &m, &cr.fichier)?;
    let mut f = Fusion::nouvelle(conn, schema, source_id, &m.source_uid, cr)?;
    f.referentiels(&c)?;
    for (table, uid, propre, donnees) in &c.fiches {
        f.traiter(table, uid, *propre, donnees)?;
    }
    f.relier()?;
    f.retirer_disparues()?;
    f.noter_contribution()?;
    Ok(f.cr)
}

/// Retient la contribution (source, périmètre, portée, période) : la crée, ou remplace ce qu'on
/// en savait par ce paquet. Rend son id.
fn enregistrer_source(conn: &Connection, m: &Manifeste, fichier: &str) -> Resultat<i64> {
    let comptes = serde_json::to_string(&m.comptes).unwrap_or_default();
    Ok(conn.query_row(
        "INSERT INTO consolidation_source (source_uid, source_nom, source_academie, perimetre,
           portee, periode, version_schema, cree_le, recu_le, empreinte, comptes, fichier)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
         ON CONFLICT (source_uid, perimetre, portee, periode) DO UPDATE SET
           source_nom = excluded.source_nom, source_academie = excluded.source_academie,
           version_schema = excluded.version_schema, cree_le = excluded.cree_le,
           recu_le = excluded.recu_le, empreinte = excluded.empreinte,
           comptes = excluded.comptes, fichier = excluded.fichier
         RETURNING id",
        params![
            m.source_uid,
            m.source_nom,
            m.source_academie,
            m.perimetre,
            m.portee,
            m.periode,
            m.version_schema,
            m.cree_le,
            dates::maintenant(),
            m.empreinte,
            comptes,
            fichier
        ],
        |r| r.get(0),
    )?)
}
