//! Fiches, statuts, échéancier et horizons.

use super::outils::*;

#[test]
fn dates_derivees_et_avenant() {
    let c = base::en_memoire().unwrap();
    let conv = fiches::creer(&c, &apcm()).unwrap();
    assert_eq!((conv.duree_mois, conv.statut.as_str()), (60, "projet"));
    assert_eq!(conv.fin, Some(d("24/03/2008")));
    assert_eq!(conv.limite_preavis, Some(d("24/09/2007")));
    let apres = fiches::ajouter_avenant(
        &c,
        conv.id,
        &SaisieAvenant {
            date: "10/01/2008".into(),
            objet: "Prolongation d'un an".into(),
            nouvelle_fin: "24/03/2009".into(),
        },
    )
    .unwrap();
    assert_eq!(apres.fin, Some(d("24/03/2009")));
    assert_eq!(apres.limite_preavis, Some(d("24/09/2008")));
    assert_eq!(fiches::avenants(&c, conv.id).unwrap().len(), 1);
    let e = fiches::ajouter_avenant(
        &c,
        conv.id,
        &SaisieAvenant {
            date: "10/01/2008".into(),
            objet: "x".into(),
            nouvelle_fin: "01/01/2001".into(),
        },
    )
    .unwrap_err();
    assert!(e.to_string().contains("précède la date d'effet"), "{e}");
}

#[test]
fn saisie_invalide_chaque_champ_signale_rien_d_ecrit() {
    let c = base::en_memoire().unwrap();
    let s = SaisieConvention {
        type_: "contrat".into(),
        titre: " ".into(),
        date_effet: "32/01/2026".into(),
        duree: "cinq ans".into(),
        preavis_mois: "-2".into(),
        evaluation_avant: "31/02".into(),
        ..Default::default()
    };
    let Erreur::Validation(champs) = fiches::creer(&c, &s).unwrap_err() else {
        panic!()
    };
    let noms: Vec<&str> = champs.iter().map(|x| x.champ).collect();
    assert_eq!(
        noms,
        [
            "type",
            "titre",
            "date_effet",
            "duree",
            "preavis_mois",
            "evaluation_avant"
        ]
    );
    let n: i64 = c
        .query_row("SELECT count(*) FROM convention", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 0);
}

#[test]
fn statut_courant_est_le_plus_recent_et_filtre() {
    let c = base::en_memoire().unwrap();
    let conv = fiches::creer(
        &c,
        &SaisieConvention {
            statut: "en_vigueur".into(),
            ..apcm()
        },
    )
    .unwrap();
    assert_eq!(conv.statut, "en_vigueur");
    let modifiee = fiches::modifier(
        &c,
        conv.id,
        &SaisieConvention {
            statut: "denoncee".into(),
            ..apcm()
        },
    )
    .unwrap();
    assert_eq!(modifiee.statut, "denoncee");
    let historique: i64 = c
        .query_row(
            "SELECT count(*) FROM convention_statut WHERE convention_id = ?1",
            [conv.id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(historique, 2);
    let nouvelle = renouvelee_par_une_nouvelle(&c, conv.id);
    assert_eq!(
        fiches::statuts(&c, conv.id)
            .unwrap()
            .iter()
            .map(|s| s.statut.as_str())
            .collect::<Vec<_>>(),
        ["en_vigueur", "denoncee", "renouvelee"]
    );
    fiches::modifier(
        &c,
        conv.id,
        &SaisieConvention {
            statut: "denoncee".into(),
            remplacee_par_id: Some(nouvelle),
            ..apcm()
        },
    )
    .unwrap();
    let f = |s: &str| FiltreConventions {
        statut: Some(s.into()),
        ..Default::default()
    };
    assert_eq!(fiches::lister(&c, &f("denoncee")).unwrap().total, 1);
    assert_eq!(fiches::lister(&c, &f("en_vigueur")).unwrap().total, 0);
}

/// Renouvelée : le lien vers la nouvelle convention est gardé ; un lien vers rien est refusé.
/// Rend la nouvelle convention.
fn renouvelee_par_une_nouvelle(c: &Connection, conv: i64) -> i64 {
    let nouvelle = fiches::creer(
        c,
        &SaisieConvention {
            date_effet: "25/03/2008".into(),
            ..apcm()
        },
    )
    .unwrap();
    let renouvelee = fiches::modifier(
        c,
        conv,
        &SaisieConvention {
            statut: "renouvelee".into(),
            remplacee_par_id: Some(nouvelle.id),
            ..apcm()
        },
    )
    .unwrap();
    assert_eq!(
        (renouvelee.statut.as_str(), renouvelee.remplacee_par_id),
        ("renouvelee", Some(nouvelle.id))
    );
    assert!(fiches::modifier(
        c,
        conv,
        &SaisieConvention {
            remplacee_par_id: Some(999),
            ..apcm()
        }
    )
    .is_err());
    nouvelle.id
}

#[test]
fn echeancier_trie_filtre_et_exporte() {
    let c = base::en_memoire().unwrap();
    convention_proche(&c, "Convention Lille – Forges", "en_vigueur");
    convention_proche(&c, "Convention dénoncée", "denoncee");
    fiches::creer(&c, &apcm()).unwrap(); // échue depuis longtemps : rien à venir
    let tout = echeancier::a_venir(&c, None).unwrap();
    // Sans réunion cette année, l'alerte « réunions insuffisantes » s'y ajoute (si fin décembre est dans l'horizon).
    let fin_annee =
        NaiveDate::from_ymd_opt(chrono::Datelike::year(&Local::now().date_naive()), 12, 31)
            .unwrap();
    let alertes = tout.iter().filter(|e| e.nature == "reunions").count();
    assert_eq!(
        alertes,
        usize::from((fin_annee - Local::now().date_naive()).num_days() <= 90)
    );
    let v: Vec<_> = tout
        .into_iter()
        .filter(|e| e.nature != "reunions")
        .collect();
    assert_eq!(v.len(), 2, "{v:#?}");
    assert_eq!(
        (v[0].nature.as_str(), v[1].nature.as_str()),
        ("preavis", "fin")
    );
    assert!(v[0].date < v[1].date && v.iter().all(|e| e.objet == "Convention Lille – Forges"));
    assert!(
        v[0].jours_restants > 20 && v[0].jours_restants < 40,
        "{}",
        v[0].jours_restants
    );
    // Horizon plus court : seul le préavis reste.
    assert_eq!(
        echeancier::a_venir(&c, Some(45))
            .unwrap()
            .iter()
            .filter(|e| e.nature != "reunions")
            .count(),
        1
    );
    let texte = echeancier::en_ics(&v, Local::now().naive_utc());
    let relu = evenements_ics(&texte);
    assert_eq!(relu.len(), 2);
    let resume = relu[0].get_summary().unwrap();
    assert!(
        resume.contains("préavis") && resume.contains("Convention Lille – Forges"),
        "{resume}"
    );
    let csv = echeancier::en_csv(&v);
    assert!(csv.contains("date;jours_restants;nature;libelle;module;objet_id;objet"));
    assert!(csv.contains(";conventions;"), "{csv}");
}

#[test]
fn horizons_reglables_et_controles() {
    let c = base::en_memoire().unwrap();
    assert_eq!(
        parametres::horizons(&c).unwrap(),
        parametres::Horizons {
            echeances: 90,
            alerte: 30
        }
    );
    parametres::ecrire_horizons(
        &c,
        &parametres::Horizons {
            echeances: 120,
            alerte: 15,
        },
    )
    .unwrap();
    assert_eq!(parametres::horizons(&c).unwrap().echeances, 120);
    assert!(parametres::ecrire_horizons(
        &c,
        &parametres::Horizons {
            echeances: 10,
            alerte: 30
        }
    )
    .is_err());
    assert_eq!(parametres::horizons(&c).unwrap().alerte, 15);
}

/// Le document à enregistrer porte un nom tiré du modèle et signale les caractères que la
/// police des PDF n'a pas (imprimés « □ »), pour que la fenêtre le dise.
#[test]
fn document_nomme_et_caracteres_absents_signales() {
    use passerelle_core::conventions::documents;
    let c = base::en_memoire().unwrap();
    let conv = fiches::creer(
        &c,
        &SaisieConvention {
            titre: "Convention 🙂 APCM".into(),
            ..apcm()
        },
    )
    .unwrap();
    let doc = documents::document_bilan(&c, conv.id, 2026).unwrap();
    assert_eq!(doc.nom, "Bilan 2026 - Convention 🙂 APCM.pdf");
    assert!(doc.octets.starts_with(b"%PDF"));
    assert_eq!(doc.avertissements.len(), 1, "{:?}", doc.avertissements);
    assert!(doc.avertissements[0].contains("🙂"));
    let sans = documents::document_bilan(&c, fiches::creer(&c, &apcm()).unwrap().id, 2026).unwrap();
    assert!(sans.avertissements.is_empty());
}
