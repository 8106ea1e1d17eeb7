//! Données de démonstration : un fichier JSON d'`assets/demo/`, chargé par les mêmes fonctions
//! de création que les saisies de l'utilisateur (mêmes contrôles), en une seule transaction.

use crate::annuaire::{academies, bassins, etablissements, organisations, personnes};
use crate::{base, Erreur, Resultat};
use rusqlite::Connection;
use serde::Deserialize;
use std::path::Path;

mod cet;
mod clee;
mod reunions;

const ANNUAIRE: &str = include_str!("../../../../assets/demo/annuaire.json");
/// Registre et actions IPE 2006-2007 : ils reproduisent les chiffres du bilan IPE 2007.
const IPE: &[u8] = include_bytes!("../../../../assets/demo/ipe.csv");
const ACTIONS_IPE: &[u8] = include_bytes!("../../../../assets/demo/actions-ipe.csv");
/// Conventions de démonstration (les plus récentes datées par rapport au jour du chargement,
/// pour que le tableau de bord ait toujours des échéances à montrer).
const CONVENTIONS: &str = include_str!("../../../../assets/demo/conventions.json");
/// Commentaires du bilan 2007 (textes propres à la démonstration), par thème et conclusion.
const COMMENTAIRES_IPE_2007: &str =
    include_str!("../../../../assets/demo/commentaires-ipe-2007.json");

#[derive(Deserialize)]
struct Annuaire {
    bassins: Vec<BassinDemo>,
    etablissements: Vec<EtablissementDemo>,
    organisations: Vec<organisations::SaisieOrganisation>,
    personnes: Vec<PersonneDemo>,
}

#[derive(Deserialize)]
struct BassinDemo {
    academie: String,
    nom: String,
}

#[derive(Deserialize)]
struct EtablissementDemo {
    uai: String,
    nom: String,
    #[serde(rename = "type")]
    type_: String,
    commune: String,
    academie: String,
    bassin: Option<String>,
}

#[derive(Deserialize)]
struct PersonneDemo {
    #[serde(flatten)]
    saisie: personnes::SaisiePersonne,
    organisation: Option<String>,
    etablissement: Option<String>,
}

/// Ajoute les données de démonstration à la base ouverte ; rien n'est écrit si une ligne est refusée.
pub fn charger(conn: &Connection) -> Resultat<()> {
    crate::journal::par(conn, crate::journal::Chemin::Demonstration, || {
        charger_tout(conn)
    })
}

fn charger_tout(conn: &Connection) -> Resultat<()> {
    let a: Annuaire = serde_json::from_str(ANNUAIRE).map_err(|e| Erreur::Demo(e.to_string()))?;
    // Immédiate : attend qu'une autre connexion ait fini d'écrire (voir `base::Point`).
    let tx = rusqlite::Transaction::new_unchecked(conn, rusqlite::TransactionBehavior::Immediate)?;
    // Une base de démonstration se présente comme telle dans les paquets qu'elle exporte.
    tx.execute(
        "UPDATE base_identite SET nom = 'Démonstration' WHERE nom = ''",
        [],
    )?;
    for b in &a.bassins {
        let academie = academies::trouver(&tx, &b.academie)?;
        bassins::creer(
            &tx,
            &bassins::SaisieBassin {
                nom: b.nom.clone(),
                academie_id: Some(academie.id),
            },
        )?;
    }
    for e in &a.etablissements {
        let academie = academies::trouver(&tx, &e.academie)?;
        let bassin_id = match &e.bassin {
            Some(nom) => Some(bassins::trouver(&tx, academie.id, nom)?.id),
            None => None,
        };
        let saisie = etablissements::SaisieEtablissement {
            uai: e.uai.clone(),
            nom: e.nom.clone(),
            type_: e.type_.clone(),
            commune: e.commune.clone(),
            academie_id: Some(academie.id),
            bassin_id,
        };
        etablissements::creer(&tx, &saisie)
            .map_err(|err| Erreur::Demo(format!("{} : {err}", e.nom)))?;
    }
    for o in &a.organisations {
        organisations::creer(&tx, o).map_err(|err| Erreur::Demo(format!("{} : {err}", o.nom)))?;
    }
    for p in &a.personnes {
        let mut saisie = p.saisie.clone();
        if let Some(nom) = &p.organisation {
            saisie.organisation_id = Some(organisations::trouver_nom(&tx, nom)?.id);
        }
        if let Some(uai) = &p.etablissement {
            saisie.etablissement_id = Some(etablissements::trouver_uai(&tx, uai)?.id);
        }
        personnes::creer(&tx, &saisie)
            .map_err(|err| Erreur::Demo(format!("{} {} : {err}", p.saisie.prenom, p.saisie.nom)))?;
    }
    // Les IPE et leurs actions passent par les imports CSV, comme un fichier de l'utilisateur.
    crate::ipe::import::importer_ipe(&tx, IPE, false, &crate::travail::Suivi::default())?;
    crate::ipe::import::importer_actions(
        &tx,
        ACTIONS_IPE,
        false,
        &crate::travail::Suivi::default(),
    )?;
    let commentaires: std::collections::BTreeMap<String, String> =
        serde_json::from_str(COMMENTAIRES_IPE_2007).map_err(|e| Erreur::Demo(e.to_string()))?;
    let cle = crate::ipe::commentaires::CleBilan {
        bilan: "ipe".into(),
        annee: 2007,
        periode: crate::dates::GenrePeriode::Civile,
        perimetre: "national".into(),
    };
    for (rubrique, texte) in &commentaires {
        crate::ipe::commentaires::ecrire(&tx, &cle, rubrique, texte)?;
    }
    charger_conventions(&tx)?;
    clee::charger(&tx)?;
    cet::charger(&tx)?;
    tx.commit()?;
    Ok(())
}

#[derive(Deserialize)]
struct ConventionDemo {
    #[serde(flatten)]
    saisie: crate::conventions::fiches::SaisieConvention,
    parent: Option<usize>,
    academie: Option<String>,
    effet_dans_jours: Option<i64>,
    #[serde(default)]
    avenants: Vec<AvenantDemo>,
    suivi: Option<SuiviDemo>,
}

#[derive(Deserialize)]
struct SuiviDemo {
    /// (courriel de la personne, rôle dans le groupe)
    membres: Vec<(String, String)>,
    reunions: Vec<reunions::ReunionDemo>,
    /// Contrat de progrès de l'année en cours.
    #[serde(default)]
    contrat: Vec<crate::conventions::contrat::SaisieLigneContrat>,
}

#[derive(Deserialize)]
struct AvenantDemo {
    date: Option<String>,
    relatif_jours: Option<i64>,
    objet: String,
    nouvelle_fin: Option<String>,
    fin_dans_jours: Option<i64>,
}

fn charger_suivi(
    conn: &Connection,
    convention_id: i64,
    s: SuiviDemo,
    jour: chrono::NaiveDate,
) -> Resultat<()> {
    use crate::conventions::suivi;
    for (email, role) in &s.membres {
        suivi::ajouter_membre(
            conn,
            convention_id,
            Some(reunions::personne(conn, email)?),
            role,
        )?;
    }
    for mut ligne in s.contrat {
        ligne.annee = chrono::Datelike::year(&jour).to_string();
        crate::conventions::contrat::ajouter(conn, convention_id, &ligne)?;
    }
    reunions::charger(
        conn,
        crate::reunions::Cadre::Convention(convention_id),
        s.reunions,
        jour,
    )
}

fn charger_conventions(conn: &Connection) -> Resultat<()> {
    use crate::conventions::fiches;
    let liste: Vec<ConventionDemo> =
        serde_json::from_str(CONVENTIONS).map_err(|e| Erreur::Demo(e.to_string()))?;
    let jour = chrono::Local::now().date_naive();
    let relatif = |n: i64| crate::dates::francaise(jour + chrono::Duration::days(n));
    let mut ids = Vec::new();
    for c in liste {
        let mut s = c.saisie;
        if let Some(n) = c.effet_dans_jours {
            s.date_effet = relatif(n);
            s.date_signature = relatif(n - 15);
        }
        s.parent_id = c.parent.and_then(|p| ids.get(p - 1).copied());
        s.academie_id = c
            .academie
            .map(|a| academies::trouver(conn, &a).map(|a| a.id))
            .transpose()?;
        let conv =
            fiches::creer(conn, &s).map_err(|e| Erreur::Demo(format!("{} : {e}", s.titre)))?;
        for a in c.avenants {
            let saisie = fiches::SaisieAvenant {
                date: a
                    .date
                    .unwrap_or_else(|| relatif(a.relatif_jours.unwrap_or(0))),
                objet: a.objet,
                nouvelle_fin: a
                    .nouvelle_fin
                    .unwrap_or_else(|| a.fin_dans_jours.map(relatif).unwrap_or_default()),
            };
            fiches::ajouter_avenant(conn, conv.id, &saisie)?;
        }
        if let Some(suivi) = c.suivi {
            charger_suivi(conn, conv.id, suivi, jour)?;
        }
        ids.push(conv.id);
    }
    Ok(())
}

/// `passerelle demo` : crée une nouvelle base de démonstration ; ne touche jamais un fichier non vide.
pub fn creer_base(chemin: &Path) -> Resultat<base::Base> {
    if std::fs::metadata(chemin)
        .map(|m| m.len() > 0)
        .unwrap_or(false)
    {
        return Err(Erreur::Validation(vec![crate::ChampInvalide {
            champ: "db",
            message: format!(
                "Le fichier « {} » existe déjà et n'est pas vide : la démonstration ne s'écrit que dans un nouveau fichier.",
                chemin.display()
            ),
        }]));
    }
    let b = base::ouvrir(chemin)?;
    crate::parametres::choisir_accueil(&b.conn, true)?;
    Ok(b)
}
