//! Import du registre des CET depuis les listes académiques : CSV (« ; » ou « , », UTF-8 avec
//! ou sans BOM, Windows-1252) ou classeur .xlsx / .ods. Les colonnes se reconnaissent à leur
//! en-tête (ou se choisissent dans l'aperçu) ; tout ou rien : une ligne fautive et rien n'est
//! écrit, un message par ligne. Une ligne qui reprend une personne déjà au registre (mêmes nom,
//! prénom et courriel) est signalée et n'est pas doublée.

mod ligne;

use crate::annuaire::recherche;
use crate::{csv, tableur, texte, Erreur, Resultat};
use ligne::Memoire;
use rusqlite::Connection;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// Champs de l'import : (clé, libellé, obligatoire, autres en-têtes reconnus).
pub const CHAMPS: &[(&str, &str, bool, &[&str])] = &[
    ("civilite", "Civilité", false, &["civ"]),
    ("nom", "Nom", true, &["nom_de_famille"]),
    ("prenom", "Prénom", true, &[]),
    (
        "email",
        "Courriel professionnel",
        false,
        &["courriel", "mail", "e-mail", "adresse_electronique"],
    ),
    (
        "telephone",
        "Téléphone",
        false,
        &["tel", "telephone_professionnel"],
    ),
    ("employeur", "Employeur", false, &["entreprise"]),
    (
        "secteur",
        "Secteur professionnel",
        false,
        &["secteur_professionnel", "secteur_d'activite"],
    ),
    (
        "cpc",
        "CPC",
        false,
        &["commission_professionnelle_consultative"],
    ),
    (
        "organisation_proposante",
        "Organisation proposante",
        false,
        &["proposee_par", "propose_par", "organisation"],
    ),
    ("academie", "Académie", true, &[]),
    ("bassin", "Bassin", false, &[]),
    ("debut_mandat", "Début du mandat", true, &["debut"]),
    ("fin_mandat", "Fin du mandat", true, &["fin"]),
    (
        "statut",
        "Statut professionnel",
        false,
        &["statut_professionnel"],
    ),
    (
        "specialites",
        "Spécialités, diplômes",
        false,
        &["diplomes", "specialite"],
    ),
    ("date_arrete", "Date de l'arrêté", false, &["arrete"]),
];

/// Colonnes d'un fichier correctement formé, dans l'ordre (celles de l'export).
pub fn entetes() -> Vec<&'static str> {
    CHAMPS.iter().map(|c| c.0).collect()
}

fn cle_entete(e: &str) -> String {
    texte::normaliser(e).replace(' ', "_")
}

/// Correspondance proposée : pour chaque champ, la colonne du fichier qui porte son nom.
fn correspondance_auto(entetes: &[String]) -> BTreeMap<String, usize> {
    let cles: Vec<String> = entetes.iter().map(|e| cle_entete(e)).collect();
    let mut m = BTreeMap::new();
    for (champ, _, _, autres) in CHAMPS {
        let trouve = cles.iter().position(|k| k == champ).or_else(|| {
            cles.iter()
                .position(|k| autres.iter().any(|a| cle_entete(a) == *k))
        });
        if let Some(i) = trouve {
            m.insert(champ.to_string(), i);
        }
    }
    m
}

#[derive(Debug, Serialize)]
pub struct ChampApercu {
    pub champ: &'static str,
    pub libelle: &'static str,
    pub obligatoire: bool,
    pub colonne: Option<usize>,
}

#[derive(Debug, Serialize)]
pub struct Apercu {
    pub format: String,
    pub colonnes: Vec<String>,
    pub champs: Vec<ChampApercu>,
    pub exemples: Vec<Vec<String>>,
    pub lignes: usize,
}

/// Ce que l'écran montre avant l'import : colonnes du fichier, correspondance proposée, premières lignes.
pub fn apercu(octets: &[u8]) -> Resultat<Apercu> {
    let t = tableur::lire(octets).map_err(|e| Erreur::Import(vec![e]))?;
    let m = correspondance_auto(&t.entetes);
    Ok(Apercu {
        format: t.format(),
        champs: CHAMPS
            .iter()
            .map(|(champ, libelle, obligatoire, _)| ChampApercu {
                champ,
                libelle,
                obligatoire: *obligatoire,
                colonne: m.get(*champ).copied(),
            })
            .collect(),
        exemples: t.lignes.iter().take(5).map(|l| l.valeurs.clone()).collect(),
        lignes: t.lignes.len(),
        colonnes: t.entetes,
    })
}

#[derive(Debug, Serialize)]
pub struct CompteRendu {
    pub lignes: usize,
    pub importees: usize,
    pub essai: bool,
    pub format: String,
    /// Lignes non importées car la personne est déjà au registre (ou deux fois dans le fichier).
    pub doublons: Vec<String>,
    /// Organisations et personnes créées en passant.
    pub creations: Vec<String>,
}

/// Même personne : mêmes nom, prénom et courriel, accents et casse ignorés.
fn cle_personne(nom: &str, prenom: &str, email: &str) -> String {
    format!(
        "{}|{}|{}",
        texte::normaliser(nom),
        texte::normaliser(prenom),
        email.trim().to_lowercase()
    )
}

/// Les personnes de l'annuaire : clé → (identifiant, déjà au registre des CET).
fn personnes_existantes(conn: &Connection) -> Resultat<HashMap<String, (i64, bool)>> {
    let mut st = conn.prepare("SELECT p.id, p.nom, p.prenom, p.email, x.id IS NOT NULL FROM personne p LEFT JOIN cet x ON x.personne_id = p.id ORDER BY p.id DESC")?;
    let v = st
        .query_map([], |r| {
            Ok((
                cle_personne(
                    &r.get::<_, String>(1)?,
                    &r.get::<_, String>(2)?,
                    &r.get::<_, String>(3)?,
                ),
                (r.get(0)?, r.get(4)?),
            ))
        })?
        .collect::<Result<HashMap<_, _>, _>>()?;
    Ok(v)
}

/// Refuse une correspondance sans colonne obligatoire ou qui désigne une colonne absente.
fn verifier_correspondance(m: &BTreeMap<String, usize>, colonnes: &[String]) -> Resultat<()> {
    let manquants: Vec<&str> = CHAMPS
        .iter()
        .filter(|c| c.2 && !m.contains_key(c.0))
        .map(|c| c.1)
        .collect();
    if !manquants.is_empty() {
        return Err(Erreur::Import(vec![format!(
            "Colonnes obligatoires introuvables : {}. En-têtes attendus : {}.",
            manquants.join(", "),
            entetes().join(";")
        )]));
    }
    if let Some((champ, i)) = m.iter().find(|(_, i)| **i >= colonnes.len()) {
        return Err(Erreur::Import(vec![format!(
            "La colonne n° {} choisie pour « {champ} » n'existe pas dans le fichier.",
            i + 1
        )]));
    }
    Ok(())
}

/// Importe le fichier (`choix` : correspondance choisie, champ → colonne ; `suivi` : annulable).
pub fn importer(
    conn: &Connection,
    octets: &[u8],
    choix: Option<&BTreeMap<String, usize>>,
    essai: bool,
    suivi: &crate::travail::Suivi,
) -> Resultat<CompteRendu> {
    let table = tableur::lire(octets).map_err(|e| Erreur::Import(vec![e]))?;
    let m = choix
        .cloned()
        .unwrap_or_else(|| correspondance_auto(&table.entetes));
    verifier_correspondance(&m, &table.entetes)?;
    let mut memoire = Memoire {
        personnes: personnes_existantes(conn)?,
        ..Default::default()
    };
    let mut importees = 0;
    let lignes = recherche::pour_un_import(
        conn,
        table.lignes.len(),
        &["personne", "organisation"],
        || {
            csv::importer_lignes(conn, &table, essai, suivi, |tx, l| {
                let v = |champ: &str| m.get(champ).map(|i| l.valeurs[*i].trim()).unwrap_or("");
                let ligne = memoire.controler(tx, &v)?;
                let avant = memoire.doublons.len();
                memoire.enregistrer(tx, ligne, l.numero, &v)?;
                if memoire.doublons.len() == avant {
                    importees += 1;
                }
                Ok(())
            })
        },
    )?;
    if essai {
        memoire.creations.clear();
    }
    Ok(CompteRendu {
        lignes,
        importees,
        essai,
        format: table.format(),
        doublons: memoire.doublons,
        creations: memoire.creations,
    })
}
