//! Le fichier d'un paquet : une base SQLite à part (`PRAGMA application_id` « PSRP »), avec son
//! manifeste (source, périmètre, période, schéma, date, comptes, empreinte), les référentiels
//! cités et les fiches en JSON canonique. L'empreinte SHA-256 couvre le manifeste (sauf
//! elle-même) et tout le contenu, dans l'ordre : un octet changé et le paquet est refusé.

use super::fiches::hex;
use super::Perimetre;
use crate::base::VERSION_SCHEMA;
use crate::vocabulaire::Code;
use crate::{Erreur, Resultat};
use rusqlite::{Connection, OpenFlags, OptionalExtension};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::Path;

pub const EXTENSION: &str = "passerelle";
const APPLICATION_ID: i64 = 0x5053_5250;
/// Version du format de fichier (pas du schéma de la base).
const FORMAT: i64 = 1;
/// Un paquet plus gros n'est pas ouvert : 100 000 fiches en font environ 50 Mo.
const TAILLE_MAX: u64 = 1024 * 1024 * 1024;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Manifeste {
    pub source_uid: String,
    pub source_nom: String,
    pub source_academie: String,
    pub perimetre: Perimetre,
    /// Code de l'académie choisie à l'export, vide pour toutes.
    pub portee: String,
    /// « 2007 » ou « 2007-2008 ».
    pub periode: String,
    pub version_schema: i64,
    /// AAAA-MM-JJTHH:MM:SS, heure du poste source.
    pub cree_le: String,
    /// Fiches apportées en propre, par table.
    pub comptes: BTreeMap<String, i64>,
    pub empreinte: String,
}

#[derive(Debug, Default)]
pub struct Contenu {
    /// (table, clé naturelle, JSON des colonnes).
    pub referentiels: Vec<(String, String, String)>,
    /// (table, uid, propre, JSON canonique).
    pub fiches: Vec<(String, String, bool, String)>,
}

const CHAMPS: &[&str] = &[
    "source_uid",
    "source_nom",
    "source_academie",
    "perimetre",
    "portee",
    "periode",
    "version_schema",
    "cree_le",
    "comptes",
];

impl Manifeste {
    fn champs(&self) -> Vec<(&'static str, String)> {
        let v = [
            self.source_uid.clone(),
            self.source_nom.clone(),
            self.source_academie.clone(),
            self.perimetre.code().to_string(),
            self.portee.clone(),
            self.periode.clone(),
            self.version_schema.to_string(),
            self.cree_le.clone(),
            serde_json::to_string(&self.comptes).unwrap_or_default(),
        ];
        CHAMPS.iter().copied().zip(v).collect()
    }

    /// L'empreinte que ce manifeste et ce contenu doivent porter.
    pub fn calculer_empreinte(&self, c: &Contenu) -> String {
        let mut h = Sha256::new();
        for (cle, valeur) in self.champs() {
            h.update(format!("{cle}\u{1f}{valeur}\n").as_bytes());
        }
        for (t, cle, d) in &c.referentiels {
            h.update(format!("r\u{1f}{t}\u{1f}{cle}\u{1f}{d}\n").as_bytes());
        }
        for (t, uid, propre, d) in &c.fiches {
            h.update(format!("f\u{1f}{t}\u{1f}{uid}\u{1f}{}\u{1f}{d}\n", *propre as u8).as_bytes());
        }
        hex(&h.finalize())
    }
}

/// Écrit le paquet dans `chemin` (un fichier neuf).
pub fn ecrire(chemin: &Path, m: &Manifeste, c: &Contenu) -> Resultat<()> {
    let conn = Connection::open(chemin)?;
    conn.pragma_update(None, "application_id", APPLICATION_ID)?;
    conn.pragma_update(None, "user_version", FORMAT)?;
    conn.pragma_update(None, "journal_mode", "OFF")?;
    conn.execute_batch(
        "BEGIN;
         CREATE TABLE manifeste (cle TEXT PRIMARY KEY, valeur TEXT NOT NULL);
         CREATE TABLE referentiel (ordre INTEGER PRIMARY KEY, table_nom TEXT NOT NULL,
             cle TEXT NOT NULL, donnees TEXT NOT NULL);
         CREATE TABLE fiche (ordre INTEGER PRIMARY KEY, table_nom TEXT NOT NULL,
             uid TEXT NOT NULL, propre INTEGER NOT NULL, donnees TEXT NOT NULL);",
    )?;
    {
        let mut st = conn.prepare("INSERT INTO manifeste (cle, valeur) VALUES (?1, ?2)")?;
        for (cle, valeur) in m.champs() {
            st.execute((cle, valeur))?;
        }
        st.execute(("empreinte", &m.empreinte))?;
        let mut st =
            conn.prepare("INSERT INTO referentiel (table_nom, cle, donnees) VALUES (?1, ?2, ?3)")?;
        for r in &c.referentiels {
            st.execute((&r.0, &r.1, &r.2))?;
        }
        let mut st = conn.prepare(
            "INSERT INTO fiche (table_nom, uid, propre, donnees) VALUES (?1, ?2, ?3, ?4)",
        )?;
        for f in &c.fiches {
            st.execute((&f.0, &f.1, f.2, &f.3))?;
        }
    }
    conn.execute_batch("COMMIT")?;
    conn.close().map_err(|(_, e)| e)?;
    Ok(())
}

/// Les octets du paquet, pour le dialogue « Enregistrer sous ».
pub fn octets(m: &Manifeste, c: &Contenu) -> Resultat<Vec<u8>> {
    let dossier = tempfile::tempdir()?;
    let chemin = dossier.path().join("paquet.passerelle");
    ecrire(&chemin, m, c)?;
    Ok(std::fs::read(&chemin)?)
}

fn refus(fichier: &Path, cause: impl std::fmt::Display) -> Erreur {
    let nom = crate::fichiers::nom(fichier);
    Erreur::Import(vec![format!("Paquet « {nom} » : {cause}")])
}

/// Ouvre un paquet en lecture seule, après avoir vérifié que c'en est un.
fn ouvrir(chemin: &Path) -> Resultat<Connection> {
    let taille = std::fs::metadata(chemin)?.len();
    if taille > TAILLE_MAX {
        return Err(refus(
            chemin,
            "le fichier dépasse 1 Go ; il n'a pas été lu.",
        ));
    }
    let conn = Connection::open_with_flags(
        chemin,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    let pas_un_paquet = || refus(chemin, "ce fichier n'est pas un paquet Passerelle.");
    let id: i64 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .map_err(|_| pas_un_paquet())?;
    if id == crate::base::APPLICATION_ID {
        return Err(refus(
            chemin,
            "c'est une base Passerelle, pas un paquet : ouvrez-la par Fichier › Ouvrir une base.",
        ));
    }
    if id != APPLICATION_ID {
        return Err(pas_un_paquet());
    }
    let format: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if format > FORMAT {
        return Err(refus(
            chemin,
            "il a été écrit par une version plus récente de Passerelle ; mettez Passerelle à jour pour l'importer.",
        ));
    }
    Ok(conn)
}

/// Le manifeste d'un paquet, contrôlé (sans vérifier l'empreinte du contenu).
pub fn lire_manifeste(chemin: &Path) -> Resultat<Manifeste> {
    let conn = ouvrir(chemin)?;
    manifeste(&conn, chemin)
}

fn manifeste(conn: &Connection, chemin: &Path) -> Resultat<Manifeste> {
    let abime = || refus(chemin, "son manifeste est incomplet ou abîmé.");
    let lire = |cle: &str| -> Resultat<String> {
        conn.query_row("SELECT valeur FROM manifeste WHERE cle = ?1", [cle], |r| {
            r.get(0)
        })
        .optional()
        .map_err(|_| abime())?
        .ok_or_else(abime)
    };
    let perimetre = Perimetre::depuis_code(&lire("perimetre")?).ok_or_else(abime)?;
    let version_schema: i64 = lire("version_schema")?.parse().map_err(|_| abime())?;
    if version_schema > VERSION_SCHEMA {
        return Err(refus(
            chemin,
            format!("il a été écrit par une version plus récente de Passerelle (schéma {version_schema}, cette version connaît le schéma {VERSION_SCHEMA}). Mettez Passerelle à jour pour l'importer."),
        ));
    }
    // La date d'export décide quel paquet d'une contribution est le plus récent : illisible, ou
    // plus d'un jour dans le futur (horloges de postes un peu décalées), elle bloquerait tous
    // les paquets suivants de cette source.
    let cree_le = lire("cree_le")?;
    let date = crate::dates::lire_horodatage(&cree_le).ok_or_else(abime)?;
    if date > chrono::Local::now().naive_local() + chrono::Duration::days(1) {
        return Err(refus(
            chemin,
            format!(
                "il dit avoir été exporté le {}, dans le futur : l'horloge du poste qui l'a écrit est sans doute fausse. Faites-le exporter de nouveau une fois l'heure corrigée.",
                date.format("%d/%m/%Y")
            ),
        ));
    }
    Ok(Manifeste {
        source_uid: lire("source_uid")?,
        source_nom: lire("source_nom")?,
        source_academie: lire("source_academie")?,
        perimetre,
        portee: lire("portee")?,
        periode: lire("periode")?,
        version_schema,
        cree_le,
        comptes: serde_json::from_str(&lire("comptes")?).map_err(|_| abime())?,
        empreinte: lire("empreinte")?,
    })
}

/// Lit tout le paquet et refuse un contenu qui ne reproduit pas l'empreinte du manifeste.
pub fn lire(chemin: &Path) -> Resultat<(Manifeste, Contenu)> {
    let conn = ouvrir(chemin)?;
    let m = manifeste(&conn, chemin)?;
    let abime = |_| refus(chemin, "son contenu est illisible.");
    let mut c = Contenu::default();
    let mut st = conn
        .prepare("SELECT table_nom, cle, donnees FROM referentiel ORDER BY ordre")
        .map_err(abime)?;
    c.referentiels = st
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .and_then(|l| l.collect())
        .map_err(abime)?;
    let mut st = conn
        .prepare("SELECT table_nom, uid, propre, donnees FROM fiche ORDER BY ordre")
        .map_err(abime)?;
    c.fiches = st
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .and_then(|l| l.collect())
        .map_err(abime)?;
    if m.calculer_empreinte(&c) != m.empreinte {
        return Err(refus(
            chemin,
            "son contenu ne correspond pas à son empreinte : il a été modifié ou abîmé après son export. Il est refusé ; demandez à la source de l'exporter de nouveau.",
        ));
    }
    Ok((m, c))
}
