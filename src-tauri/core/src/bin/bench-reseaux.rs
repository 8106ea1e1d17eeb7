//! Mesures des modules CET et CLEE sur un gros jeu généré : 20 000 CET dans trois académies,
//! 60 animations et leurs présences ; 150 comités de 15 membres avec dix réunions chacun.
//! `cargo run --release -p passerelle-core --bin bench-reseaux [-- CET]`.

mod commun;
use commun::{copier_si_demande, mesurer_liste, ms, Hasard};
use passerelle_core::cet::{animations, bilan as bilan_cet, import, mandats, registre};
use passerelle_core::clee::{bilan as bilan_clee, comites};
use passerelle_core::liste::ParametresListe;
use passerelle_core::reunions::{self, Cadre, SaisieReunion};
use passerelle_core::{
    annuaire::academies, annuaire::bassins, annuaire::personnes, base, dates, rapport,
};
use std::time::Instant;

const SECTEURS: &[&str] = &[
    "Métallurgie",
    "Bâtiment",
    "Chimie",
    "Agroalimentaire",
    "Transport et logistique",
    "Commerce",
    "Hôtellerie-restauration",
    "Santé et social",
];

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(20_000);
    let dossier =
        std::env::temp_dir().join(format!("passerelle-bench-reseaux-{}", std::process::id()));
    std::fs::create_dir_all(&dossier).unwrap();
    let b = base::ouvrir(&dossier.join("bench.sqlite")).unwrap();
    let c = &b.conn;

    importer_les_cet(c, n);
    let lille = academies::trouver(c, "Lille").unwrap().id;
    animations_et_presences(c, lille);
    copier_si_demande(c);
    let jour = dates::lire("27/11/2026").unwrap();
    registre_des_cet(c, lille, jour);
    campagne_et_bilan_des_cet(c, jour);
    comites_de_clee(c, lille);
    bilan_des_clee(c, lille, jour);
    drop(b);
    let _ = std::fs::remove_dir_all(&dossier);
}

/// Import de `n` CET répartis dans trois académies (liste CSV générée).
fn importer_les_cet(c: &rusqlite::Connection, n: usize) {
    let mut h = Hasard(2012);
    let academies = ["Lille", "Lyon", "Bordeaux"];

    let mut csv = String::from("civilite;nom;prenom;email;telephone;employeur;secteur;cpc;organisation_proposante;academie;bassin;debut_mandat;fin_mandat\n");
    for i in 0..n {
        let annee = 2021 + h.suivant(5);
        csv += &format!(
            "M.;NOM{i};Prénom{i};p{i}@exemple.fr;;Entreprise {};{};;Organisation {};{};;01/01/{annee};31/12/{}\n",
            h.suivant(2000),
            SECTEURS[h.suivant(SECTEURS.len() as u64) as usize],
            h.suivant(60),
            academies[i % 3],
            annee + 4
        );
    }
    let t = Instant::now();
    let r = import::importer(
        c,
        csv.as_bytes(),
        None,
        false,
        &passerelle_core::travail::Suivi::default(),
    )
    .unwrap();
    println!(
        "Import de {} CET (CSV {} Ko) : {:.0} ms",
        r.importees,
        csv.len() / 1024,
        ms(t)
    );
}

/// 60 animations, invitations par secteur et présences pointées.
fn animations_et_presences(c: &rusqlite::Connection, lille: i64) {
    let t = Instant::now();
    for k in 0..60 {
        let s = animations::SaisieAnimation {
            academie_id: Some(lille),
            reunion: SaisieReunion {
                type_: "animation_thematique".into(),
                date: format!("{:02}/03/{}", 1 + k % 28, 2021 + k % 5),
                ..Default::default()
            },
            theme: format!("Animation {k}"),
            secteurs: vec![SECTEURS[k % SECTEURS.len()].into()],
            ..Default::default()
        };
        let a = animations::creer(c, &s).unwrap();
        animations::inviter_par_secteurs(c, a.reunion.id).unwrap();
        let invites = reunions::presences(c, a.reunion.id).unwrap();
        base::atomique(c, |c| {
            for p in invites.iter().filter(|p| p.personne_id % 4 != 0) {
                reunions::marquer_presence(c, a.reunion.id, p.personne_id, "present")?;
            }
            Ok(())
        })
        .unwrap();
    }
    let presences: i64 = c
        .query_row("SELECT count(*) FROM reunion_presence", [], |r| r.get(0))
        .unwrap();
    println!(
        "60 animations, invitations par secteur et {presences} présences : {:.0} ms",
        ms(t)
    );
}

/// Le registre des CET : première page, frappe, filtres.
fn registre_des_cet(c: &rusqlite::Connection, lille: i64, jour: chrono::NaiveDate) {
    let registre = |liste| {
        registre::lister_au(
            c,
            &registre::FiltreCet {
                liste,
                ..Default::default()
            },
            jour,
        )
        .unwrap();
    };
    mesurer_liste("Registre des CET, première page", &[""], registre);
    mesurer_liste(
        "Registre des CET, frappe (nom1234)",
        &["n", "no", "nom", "nom1", "nom12", "nom123", "nom1234"],
        registre,
    );
    let mesurer = |libelle: &str, f: &registre::FiltreCet| {
        let t = Instant::now();
        let l = registre::lister_au(c, f, jour).unwrap();
        println!(
            "Registre, {libelle} : {:.1} ms ({} sur {})",
            ms(t),
            l.lignes.len(),
            l.total
        );
    };
    mesurer("première page", &registre::FiltreCet::default());
    mesurer(
        "recherche « prénom1234 »",
        &registre::FiltreCet {
            liste: ParametresListe {
                recherche: "prénom1234".into(),
                ..Default::default()
            },
            ..Default::default()
        },
    );
    mesurer(
        "secteur + mandats à renouveler",
        &registre::FiltreCet {
            secteur: Some("Métallurgie".into()),
            etat_mandat: Some("fin_proche".into()),
            ..Default::default()
        },
    );
    mesurer(
        "sans participation depuis 2 ans",
        &registre::FiltreCet {
            academie_id: Some(lille),
            inactif_depuis_ans: Some(2),
            ..Default::default()
        },
    );
}

/// Aperçu d'une campagne de renouvellement et bilan annuel des CET.
fn campagne_et_bilan_des_cet(c: &rusqlite::Connection, jour: chrono::NaiveDate) {
    let campagne = mandats::SaisieCampagne {
        fin_au_plus_tard: "31/12/2026".into(),
        nouveau_debut: "01/01/2027".into(),
        nouvelle_fin: "31/12/2031".into(),
        ..Default::default()
    };
    let t = Instant::now();
    let apercu = mandats::apercu(c, &campagne).unwrap();
    println!(
        "Campagne de renouvellement, aperçu : {:.0} ms ({} mandats)",
        ms(t),
        apercu.len()
    );
    let t = Instant::now();
    let pdf = rapport::rendre_pdf(&bilan_cet::rendre_bilan(
        &bilan_cet::modele_bilan(c, 2025, None, jour).unwrap(),
    ))
    .unwrap();
    println!(
        "Bilan CET 2025-2026 (calcul + PDF, {} Ko) : {:.0} ms",
        pdf.len() / 1024,
        ms(t)
    );
}

/// CLEE : 150 comités de 15 membres, dix réunions pointées chacun.
fn comites_de_clee(c: &rusqlite::Connection, lille: i64) {
    let t = Instant::now();
    base::atomique(c, |c| {
        for k in 0..150 {
            // Un comité par bassin.
            let bassin = bassins::creer(
                c,
                &bassins::SaisieBassin {
                    nom: format!("Bassin {k}"),
                    academie_id: Some(lille),
                },
            )?
            .id;
            let id = comites::creer(
                c,
                &comites::SaisieComite {
                    nom: format!("CLEE {k}"),
                    academie_id: Some(lille),
                    bassin_ids: vec![bassin],
                    ..Default::default()
                },
            )?
            .id;
            for m in 0..15 {
                let p = personnes::creer(
                    c,
                    &personnes::SaisiePersonne {
                        civilite: "Mme".into(),
                        nom: format!("MEMBRE{k}-{m}"),
                        prenom: "Anne".into(),
                        ..Default::default()
                    },
                )?
                .id;
                let college = [
                    "education",
                    "monde_economique",
                    "emploi_insertion",
                    "collectivites",
                    "parents",
                ][m % 5];
                comites::ajouter_membre(
                    c,
                    id,
                    &comites::SaisieMembre {
                        personne_id: Some(p),
                        college: college.into(),
                        role: String::new(),
                    },
                )?;
            }
            for r in 0..10 {
                let reunion = reunions::creer(
                    c,
                    Cadre::Comite(id),
                    &SaisieReunion {
                        type_: "pleniere".into(),
                        date: format!("{:02}/{:02}/2026", 1 + r, 1 + r % 6),
                        ..Default::default()
                    },
                )?;
                reunions::marquer_non_pointes_presents(c, reunion.id)?;
            }
        }
        Ok(())
    })
    .unwrap();
    println!(
        "150 comités, 2 250 membres, 1 500 réunions pointées : {:.0} ms",
        ms(t)
    );
}

/// Bilan CLEE de l'académie (calcul + PDF).
fn bilan_des_clee(c: &rusqlite::Connection, lille: i64, jour: chrono::NaiveDate) {
    let t = Instant::now();
    let pdf = rapport::rendre_pdf(&bilan_clee::rendre_bilan(
        &bilan_clee::modele_bilan(c, 2025, bilan_clee::Perimetre::Academie(lille), jour).unwrap(),
    ))
    .unwrap();
    println!(
        "Bilan CLEE de l'académie 2025-2026 (calcul + PDF, {} Ko) : {:.0} ms",
        pdf.len() / 1024,
        ms(t)
    );
}
