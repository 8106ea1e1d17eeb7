//! Actions des IPE saisies dans la fenêtre et bilan.

use super::outils::*;

/// Valeur d'une ligne du tableau des chiffres clés du bilan, espaces insécables normalisés.
async fn chiffre_du_bilan(c: &Client, libelle: &str) -> String {
    let v = c
        .execute(
            "const l = [...document.querySelectorAll('#bilan-chiffres tr')].find(tr => tr.querySelector('th').textContent.trim() === arguments[0]);
             return l ? l.querySelector('td').textContent.replace(/[\\u00a0\\u202f]/g, ' ') : null;",
            vec![serde_json::json!(libelle)],
        )
        .await
        .unwrap();
    v.as_str()
        .unwrap_or_else(|| panic!("ligne « {libelle} » absente du bilan"))
        .to_string()
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "demande un affichage : lancé par scripts/tester.sh sous xvfb-run"]
async fn une_action_saisie_dans_la_fenetre_change_le_bilan() {
    let (d, db) = base_temporaire("ipe-e2e.sqlite");
    let (pilote, c) = demarrer_demo(&db).await;

    bilan_affiche(&c, "2 008", Some("222 471")).await;
    let activite = attendre_texte(&c, "#bilan-activite", |t| !t.is_empty()).await;
    assert!(
        activite.contains("53 IPE")
            && activite.contains("639,8 mois")
            && activite.contains("24 académies"),
        "{activite}"
    );
    attendre_texte(&c, "#bilan-evolution", |t| t.contains("+16 %")).await;
    capturer(&c, "bilans").await;
    action_saisie_en_serie(&c).await;
    recherche_filtre_par_ipe_et_valeur_refusee(&c).await;
    boutons_de_ligne_entiers_sur_une_fenetre_etroite(&c).await;
    bilan_affiche(&c, "2 009", Some("222 486")).await;
    registre_et_themes_de_la_demo(&c).await;
    import_depuis_la_fenetre(&c, d.path(), &db).await;
    // Un commentaire écrit à côté des chiffres arrive dans le PDF.
    bilan_affiche(&c, "2 010", None).await;
    commentaire_dans_le_pdf(&c, d.path(), &db).await;
    c.close().await.unwrap();
    drop(pilote);
}

/// L'écran des bilans : le nombre d'actions et, s'il est donné, celui des jeunes.
async fn bilan_affiche(c: &Client, actions: &str, jeunes: Option<&str>) {
    cliquer(c, "#menu a[href='#/bilans']").await;
    attendre(c, "#bilan-chiffres").await;
    assert_eq!(
        chiffre_du_bilan(c, "Nombre d'actions mises en œuvre").await,
        actions
    );
    if let Some(jeunes) = jeunes {
        assert_eq!(
            chiffre_du_bilan(c, "Nombre de jeunes bénéficiant des actions").await,
            jeunes
        );
    }
}

async fn action_saisie_en_serie(c: &Client) {
    // Saisie en série : deux actions de suite, la date et le thème restent.
    cliquer(c, "#menu a[href='#/ipe']").await;
    cliquer(c, "#actions-nouveau").await;
    saisir(c, "#actions-formulaire-date", "15/03/2007").await;
    choisir(c, "#actions-formulaire-academie_id", "Lille").await;
    choisir(c, "#actions-formulaire-theme_id", "Stages").await;
    // Le sélecteur d'IPE : le nom et l'académie tapés, l'IPE s'ajoute à ceux de l'action.
    let champ = "#actions-formulaire-intervenants";
    saisir(c, champ, "bernard alain lille").await;
    attendre_texte(c, &format!("{champ}-liste"), |t| {
        t.contains("BERNARD Alain") && t.contains("Lille")
    })
    .await;
    attendre(c, champ)
        .await
        .send_keys("\u{E007}")
        .await
        .unwrap();
    attendre_texte(c, &format!("{champ}-choisies"), |t| {
        t.contains("BERNARD Alain")
    })
    .await;
    saisir(
        c,
        "#actions-formulaire-intitule",
        "Forum des stages du bassin de Lens",
    )
    .await;
    saisir(c, "#actions-formulaire-jeunes_filles", "10").await;
    saisir(c, "#actions-formulaire-jeunes_garcons", "5").await;
    capturer(c, "ipe-saisie").await;
    cliquer(c, "#actions-formulaire button[type=submit]").await;
    attendre_texte(c, "#actions-message", |t| t.contains("enregistrée")).await;
    let date = attendre(c, "#actions-formulaire-date")
        .await
        .prop("value")
        .await
        .unwrap();
    assert_eq!(
        date.as_deref(),
        Some("15/03/2007"),
        "la date est gardée pour la saisie suivante"
    );
    let actif = c
        .execute("return document.activeElement.id", vec![])
        .await
        .unwrap();
    assert_eq!(actif, "actions-formulaire-intitule");
}

/// Recherche, filtre par IPE (un sélecteur aussi) et valeur négative refusée sous le champ.
async fn recherche_filtre_par_ipe_et_valeur_refusee(c: &Client) {
    // Une saisie qui serait une expression de l'index plein texte est cherchée telle quelle.
    saisir(c, "#actions-recherche", "\"NEAR( concours*").await;
    attendre_texte(c, "#actions-compte", |t| {
        t == "Aucune action ne correspond."
    })
    .await;
    saisir(c, "#actions-recherche", "bassin de lens").await;
    attendre_texte(c, "#actions-compte", |t| t == "1 action").await;
    let trouvee = lignes(c, "#actions-table").await.remove(0);
    assert!(
        trouvee.contains("15/03/2007") && trouvee.contains("BERNARD Alain"),
        "{trouvee}"
    );
    // Le filtre par IPE est un sélecteur aussi.
    choisir(c, "#actions-filtre-ipe_id", "BERNARD Alain (Lille)").await;
    attendre_texte(c, "#actions-compte", |t| t == "1 action").await;
    saisir(c, "#actions-recherche", " ").await; // plus de mot cherché : toutes les siennes
    attendre_texte(c, "#actions-compte", |t| t.ends_with("actions")).await;
    let toutes = lignes(c, "#actions-table").await;
    assert!(
        toutes.iter().all(|l| l.contains("BERNARD Alain")),
        "{toutes:?}"
    );
    // Une valeur négative est refusée sous le champ.
    saisir(c, "#actions-formulaire-intitule", "Action fautive").await;
    saisir(c, "#actions-formulaire-entreprises", "-2").await;
    cliquer(c, "#actions-formulaire button[type=submit]").await;
    attendre_texte(c, "#actions-formulaire-entreprises-erreur", |t| {
        t.contains("négatif")
    })
    .await;
    // Annuler (les sélecteurs du formulaire ont aussi leurs petits boutons).
    cliquer(c, "#actions-formulaire .actions button.secondaire").await;
    capturer(c, "ipe-actions").await;
}

/// Sur une fenêtre étroite, le tableau des actions défile de côté ; les boutons de chaque
/// ligne restent entiers et visibles à droite.
async fn boutons_de_ligne_entiers_sur_une_fenetre_etroite(c: &Client) {
    let (largeur, hauteur) = c.get_window_size().await.unwrap();
    c.set_window_size(900, hauteur as u32).await.unwrap();
    let mesure = "const t = document.querySelector('#actions-table');
        const z = t.closest('.defilement').getBoundingClientRect();
        const b = [...t.querySelectorAll('td.actions-ligne button')];
        const coupes = b.filter((x) => { const r = x.getBoundingClientRect(); return r.left < z.left || r.right > z.right + 0.5; });
        return [t.scrollWidth > t.closest('.defilement').clientWidth, b.length, coupes.length];";
    let debut = Instant::now();
    let (deborde, boutons, coupes) = loop {
        let v = c.execute(mesure, vec![]).await.unwrap();
        let n = |i: usize| v[i].as_i64().unwrap_or(-1);
        if v[0].as_bool() == Some(true) || debut.elapsed() > ATTENTE {
            break (v[0].as_bool(), n(1), n(2));
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert_eq!(deborde, Some(true), "le tableau devait déborder à 900 px");
    assert!(
        boutons > 0 && coupes == 0,
        "{coupes} bouton(s) coupé(s) sur {boutons}"
    );
    capturer(c, "ipe-actions-fenetre-etroite").await;
    c.set_window_size(largeur as u32, hauteur as u32)
        .await
        .unwrap();
}

async fn registre_et_themes_de_la_demo(c: &Client) {
    // Le registre et les thèmes, tels que la démonstration les remplit.
    cliquer(c, "#menu a[href='#/ipe']").await;
    cliquer(c, "a[href='#/ipe/registre']").await;
    attendre_texte(c, "#registre-compte", |t| t == "54 IPE").await;
    cliquer(c, "#registre-table tbody tr button[aria-label^='Missions']").await;
    attendre_texte(c, "#missions-titre", |t| t.starts_with("Missions de")).await;
    cliquer(c, "#missions-table tbody tr button").await;
    saisir(c, "#mission-formulaire-lettre_date", "01/09/2007").await;
    saisir(
        c,
        "#mission-formulaire-lettre_missions",
        "Relations avec les branches du bassin",
    )
    .await;
    cliquer(c, "#mission-formulaire button[type=submit]").await;
    attendre_texte(c, "#missions-table tbody", |t| {
        t.contains("01/09/2007") && t.contains("Relations avec les branches")
    })
    .await;
    capturer(c, "ipe-registre").await;
    cliquer(c, "a[href='#/ipe/themes']").await;
    attendre(c, "#themes-table").await;
    assert_eq!(lignes(c, "#themes-table").await.len(), 14);
    capturer(c, "ipe-themes").await;
}

async fn import_depuis_la_fenetre(c: &Client, temp: &Path, db: &Path) {
    // Import depuis la fenêtre : aperçu (rien d'écrit), puis import confirmé.
    cliquer(c, "#menu a[href='#/ipe']").await;
    cliquer(c, "a[href='#/ipe/import']").await;
    let csv = temp.join("actions.csv");
    std::fs::write(&csv, "date;ipe;academie;theme;intitule;etablissements;jeunes_filles;jeunes_garcons;enseignants_femmes;enseignants_hommes;entreprises;organisations_professionnelles\n\
        20/11/2007;BERNARD Alain;Lille;tic;Site école-entreprise du bassin;2;0;0;3;4;1;0\n").unwrap();
    repondre(db, &[&csv]);
    cliquer(c, "#import-choisir").await;
    attendre_texte(c, "#import-resultat .alerte", |t| {
        t.contains("Aperçu : 1 ligne valide")
    })
    .await;
    cliquer(c, "#import-confirmer").await;
    attendre_texte(c, "#import-resultat .alerte", |t| {
        t.contains("1 ligne importée")
    })
    .await;
}

async fn commentaire_dans_le_pdf(c: &Client, temp: &Path, db: &Path) {
    saisir(
        c,
        "#commentaire-tic",
        "Un site commun aux lycées du bassin de Lens a vu le jour.",
    )
    .await;
    cliquer(c, "#bilan-academie").await; // quitter la zone de texte enregistre le commentaire
    attendre_texte(c, "#commentaire-tic ~ .aide", |t| {
        t.contains("Commentaire enregistré")
    })
    .await;
    repondre(db, &[temp]);
    cliquer(c, "#bilan-pdf").await;
    let chemin = fichier_enregistre(c, "#bilan-message", "Bilan enregistré").await;
    assert_eq!(chemin, temp.join("Bilan IPE 2007 - national.pdf"));
    assert!(std::fs::read(&chemin).unwrap().starts_with(b"%PDF"));
    let texte = texte_pdf_en_ligne(&chemin);
    assert!(
        texte.contains("a vu le jour"),
        "le commentaire manque dans le PDF"
    );
}
