//! Import du registre des CET depuis les listes académiques : CSV (« ; » ou « , », UTF-8 avec
//! ou sans BOM, Windows-1252) ou classeur .xlsx / .ods. Les colonnes se reconnaissent à leur
//! en-tête (ou se choisissent dans l'aperçu) ; tout ou rien : une ligne fautive et rien n'est
//! écrit, un message par ligne. Une ligne qui reprend une personne déjà au registre (mêmes nom,
//! prénom et courriel) est signalée et n'est pas doublée.

use super::mandats;
use super::registre::{self, SaisieCet};
use crate::annuaire::{academies, bassins, organisations, personnes};
use crate::vocabulaire::Code;
use crate::{csv, tableur, texte, Controle, Erreur, Resultat};
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};

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

/// Importe le fichier ; `choix` remplace la correspondance proposée (champ → n° de colonne).
pub fn importer(
    conn: &Connection,
    octets: &[u8],
    choix: Option<&BTreeMap<String, usize>>,
    essai: bool,
) -> Resultat<CompteRendu> {
    let table = tableur::lire(octets).map_err(|e| Erreur::Import(vec![e]))?;
    let m = choix
        .cloned()
        .unwrap_or_else(|| correspondance_auto(&table.entetes));
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
    if let Some((champ, i)) = m.iter().find(|(_, i)| **i >= table.entetes.len()) {
        return Err(Erreur::Import(vec![format!(
            "La colonne n° {} choisie pour « {champ} » n'existe pas dans le fichier.",
            i + 1
        )]));
    }
    let mut creations = Vec::new();
    let mut doublons = Vec::new();
    let mut vus: HashSet<String> = HashSet::new();
    let mut cache = HashMap::new();
    // Personnes et organisations déjà connues, lues une fois : chercher ligne à ligne dans toute
    // la table rendait l'import quadratique (46 s pour 20 000 lignes).
    let mut personnes_connues = personnes_existantes(conn)?;
    let mut organisations_connues: HashMap<(String, &str), Option<i64>> = HashMap::new();
    let mut importees = 0;
    let lignes = csv::importer_lignes(conn, &table, essai, |tx, l| {
        let v = |champ: &str| m.get(champ).map(|i| l.valeurs[*i].trim()).unwrap_or("");
        let mut c = Controle::default();
        let nom = c.champ("nom", texte::obligatoire("Le nom", v("nom")));
        let prenom = c.champ("prenom", texte::obligatoire("Le prénom", v("prenom")));
        let civilite = match texte::normaliser(v("civilite")).trim_end_matches('.') {
            "" => "",
            "m" | "monsieur" => "M.",
            "mme" | "madame" => "Mme",
            _ => {
                c.ajouter(
                    "civilite",
                    format!("civilité « {} » inconnue (M. ou Mme).", v("civilite")),
                );
                ""
            }
        };
        let academie_id = academies::trouver_en_cache(tx, &mut cache, v("academie"))?;
        if academie_id.is_none() {
            c.ajouter(
                "academie",
                format!("académie « {} » inconnue.", v("academie")),
            );
        }
        let bassin_id = match (academie_id, v("bassin")) {
            (Some(a), b) if !b.is_empty() => match bassins::trouver(tx, a, b) {
                Ok(x) => Some(x.id),
                Err(Erreur::Introuvable(_)) => {
                    c.ajouter(
                        "bassin",
                        format!("bassin « {b} » inconnu dans cette académie."),
                    );
                    None
                }
                Err(e) => return Err(e),
            },
            _ => None,
        };
        let cpc_id = match v("cpc") {
            "" => None,
            x => {
                let id: Option<i64> = tx
                    .query_row(
                        "SELECT id FROM cpc WHERE normaliser(nom) = normaliser(?1)",
                        [x],
                        |r| r.get(0),
                    )
                    .optional()?;
                if id.is_none() {
                    c.ajouter(
                        "cpc",
                        format!("CPC « {x} » inconnue : ajoutez-la d'abord à la liste des CPC."),
                    );
                }
                id
            }
        };
        let statut = match v("statut") {
            "" => Some("non_renseigne".to_string()),
            x => registre::StatutPro::TOUS
                .iter()
                .find(|s| texte::normaliser(s.libelle()) == texte::normaliser(x) || s.code() == x)
                .map(|s| s.code().to_string()),
        };
        if statut.is_none() {
            c.ajouter("statut", format!("statut « {} » inconnu.", v("statut")));
        }
        if !v("email").is_empty() {
            c.champ("email", crate::annuaire::validation::email(v("email")));
        }
        let mandat = mandats::valider_dates(
            v("date_arrete"),
            v("debut_mandat"),
            v("fin_mandat"),
            mandats::CHAMPS_MANDAT,
            &mut c,
        );
        c.fin()?;
        let (nom, prenom) = (
            nom.unwrap_or_default().to_uppercase(),
            prenom.unwrap_or_default(),
        );
        let email = v("email").to_lowercase();
        // La même personne : mêmes nom, prénom et courriel.
        let cle = texte::normaliser(&format!("{nom} {prenom} {email}"));
        if !vus.insert(cle) {
            doublons.push(format!(
                "ligne {} : {nom} {prenom} figure déjà plus haut dans le fichier",
                l.numero
            ));
            return Ok(());
        }
        let existante = personnes_connues
            .get(&cle_personne(&nom, &prenom, &email))
            .copied();
        if let Some((_, true)) = existante {
            doublons.push(format!(
                "ligne {} : {nom} {prenom} est déjà au registre",
                l.numero
            ));
            return Ok(());
        }
        let mut organisation = |nom: &str, type_: &'static str| -> Resultat<Option<i64>> {
            let cle = (texte::normaliser(nom), type_);
            if let Some(id) = organisations_connues.get(&cle) {
                return Ok(*id);
            }
            let id = organisations::trouver_ou_creer(tx, nom, type_, &mut creations)?;
            organisations_connues.insert(cle, id);
            Ok(id)
        };
        let employeur_id = organisation(v("employeur"), "entreprise")?;
        let proposante_id =
            organisation(v("organisation_proposante"), "organisation_professionnelle")?;
        let personne_id = match existante {
            Some((id, _)) => id,
            None => {
                let s = personnes::SaisiePersonne {
                    civilite: civilite.into(),
                    nom: nom.clone(),
                    prenom: prenom.clone(),
                    email: email.clone(),
                    telephone: v("telephone").into(),
                    organisation_id: employeur_id,
                    fonction: "Conseiller entreprise pour l'École".into(),
                    ..Default::default()
                };
                personnes::creer(tx, &s)?.id
            }
        };
        let saisie = SaisieCet {
            personne_id: Some(personne_id),
            statut_pro: statut.unwrap_or_default(),
            employeur_id,
            secteur: v("secteur").into(),
            cpc_id,
            specialites: v("specialites").into(),
            designation: if proposante_id.is_some() {
                "organisation_professionnelle".into()
            } else {
                "autre".into()
            },
            organisation_proposante_id: proposante_id,
            academie_id,
            bassin_id,
            ..Default::default()
        };
        let mut c = Controle::default();
        let valide = registre::valider(tx, &saisie, &mut c)?;
        let mandat = c.fin_avec(mandat)?;
        let id = registre::ecrire(tx, None, &saisie, &valide)?;
        mandats::inserer(tx, id, &mandat)?;
        personnes_connues.insert(cle_personne(&nom, &prenom, &email), (personne_id, true));
        importees += 1;
        Ok(())
    })?;
    if essai {
        creations.clear();
    }
    Ok(CompteRendu {
        lignes,
        importees,
        essai,
        format: table.format(),
        doublons,
        creations,
    })
}
