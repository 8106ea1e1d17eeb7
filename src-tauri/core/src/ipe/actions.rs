//! Actions des IPE : date, intervenants, académie, thème, effectifs touchés. Les totaux
//! (jeunes, enseignants) sont toujours dérivés des deux nombres saisis, jamais saisis deux fois.

use super::NiveauAction;
use crate::base::Ligne;
use crate::liste::{self, Filtre, Liste, ParametresListe, Requete};
use crate::vocabulaire::Code;
use crate::{csv, dates, texte, Controle, Resultat};
use rusqlite::{Connection, Row};
use serde::{Deserialize, Serialize};

crate::codes! {
    /// Les effectifs d'une action, dans l'ordre des colonnes du bilan et des imports.
    pub enum Effectif {
        Etablissements = "etablissements" => "Établissements",
        JeunesFilles = "jeunes_filles" => "Jeunes filles",
        JeunesGarcons = "jeunes_garcons" => "Jeunes garçons",
        EnseignantsFemmes = "enseignants_femmes" => "Enseignants et personnels femmes",
        EnseignantsHommes = "enseignants_hommes" => "Enseignants et personnels hommes",
        Entreprises = "entreprises" => "Entreprises",
        OrganisationsProfessionnelles = "organisations_professionnelles" => "Organisations professionnelles",
    }
}

impl Effectif {
    /// Maximum plausible pour une seule action (contrôlé à la saisie et aux imports) :
    /// 10 000 établissements, 100 000 jeunes filles et 100 000 jeunes garçons, 10 000
    /// enseignants et personnels femmes et autant d'hommes, 10 000 entreprises et 1 000
    /// organisations professionnelles. Une action nationale reste en deçà ; au-delà, c'est une
    /// faute de frappe ou un fichier abîmé.
    pub fn maximum(self) -> i64 {
        match self {
            Effectif::JeunesFilles | Effectif::JeunesGarcons => 100_000,
            Effectif::OrganisationsProfessionnelles => 1_000,
            _ => 10_000,
        }
    }
}

#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, Ligne)]
pub struct Effectifs {
    pub etablissements: i64,
    pub jeunes_filles: i64,
    pub jeunes_garcons: i64,
    pub enseignants_femmes: i64,
    pub enseignants_hommes: i64,
    pub entreprises: i64,
    pub organisations_professionnelles: i64,
}

impl Effectifs {
    /// Pour l'affichage d'une action : saturé plutôt que de déborder sur une base abîmée (les
    /// bilans, eux, passent par `jeunes_controle`).
    pub fn jeunes(&self) -> i64 {
        self.jeunes_filles.saturating_add(self.jeunes_garcons)
    }
    pub fn enseignants(&self) -> i64 {
        self.enseignants_femmes
            .saturating_add(self.enseignants_hommes)
    }
    /// Jeunes et enseignants, un débordement signalé en français.
    pub fn totaux_controles(&self) -> Resultat<(i64, i64)> {
        Ok((
            crate::nombres::somme(self.jeunes_filles, self.jeunes_garcons)?,
            crate::nombres::somme(self.enseignants_femmes, self.enseignants_hommes)?,
        ))
    }
    pub fn valeurs(&self) -> [i64; 7] {
        [
            self.etablissements,
            self.jeunes_filles,
            self.jeunes_garcons,
            self.enseignants_femmes,
            self.enseignants_hommes,
            self.entreprises,
            self.organisations_professionnelles,
        ]
    }
    fn depuis(v: [i64; 7]) -> Self {
        Effectifs {
            etablissements: v[0],
            jeunes_filles: v[1],
            jeunes_garcons: v[2],
            enseignants_femmes: v[3],
            enseignants_hommes: v[4],
            entreprises: v[5],
            organisations_professionnelles: v[6],
        }
    }
    /// Ajoute `autre` ; saturé plutôt que de déborder (les bilans utilisent `somme`).
    pub fn ajouter(&mut self, autre: &Effectifs) {
        let (a, b) = (self.valeurs(), autre.valeurs());
        *self = Effectifs::depuis(std::array::from_fn(|i| a[i].saturating_add(b[i])));
    }
    /// La somme des deux, un débordement (base écrite hors de Passerelle) signalé en français.
    pub fn somme(&self, autre: &Effectifs) -> Resultat<Effectifs> {
        let (a, b) = (self.valeurs(), autre.valeurs());
        let mut v = [0i64; 7];
        for i in 0..7 {
            v[i] = crate::nombres::somme(a[i], b[i])?;
        }
        Ok(Effectifs::depuis(v))
    }
}

#[derive(Debug, Clone, Serialize, Ligne)]
pub struct Action {
    pub id: i64,
    /// AAAA-MM-JJ ; l'interface l'affiche JJ/MM/AAAA.
    pub date: String,
    pub academie_id: Option<i64>,
    pub academie: Option<String>,
    pub niveau: NiveauAction,
    pub theme_id: i64,
    pub theme: String,
    pub intitule: String,
    pub description: String,
    #[serde(flatten)]
    #[ligne(par = Effectifs::depuis_ligne)]
    pub effectifs: Effectifs,
    #[ligne(par = jeunes)]
    pub jeunes: i64,
    #[ligne(par = enseignants)]
    pub enseignants: i64,
    #[ligne(avec = liste::ids)]
    pub intervenants: Vec<i64>,
    #[ligne(avec = Option::unwrap_or_default)]
    pub intervenants_noms: String,
    #[ligne(avec = liste::ids)]
    pub etablissements_lies: Vec<i64>,
    #[ligne(avec = liste::ids)]
    pub organisations_liees: Vec<i64>,
    pub convention_id: Option<i64>,
    pub convention: Option<String>,
}

/// Saisie d'une action : les nombres arrivent en texte (formulaire, CSV) et sont contrôlés ici.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct SaisieAction {
    pub date: String,
    pub academie_id: Option<i64>,
    pub niveau: String,
    pub theme_id: Option<i64>,
    pub intitule: String,
    pub description: String,
    pub etablissements: String,
    pub jeunes_filles: String,
    pub jeunes_garcons: String,
    pub enseignants_femmes: String,
    pub enseignants_hommes: String,
    pub entreprises: String,
    pub organisations_professionnelles: String,
    pub intervenants: Vec<i64>,
    pub etablissements_lies: Vec<i64>,
    pub organisations_liees: Vec<i64>,
    pub convention_id: Option<i64>,
}

impl SaisieAction {
    fn effectif(&self, cle: &str) -> &str {
        match cle {
            "etablissements" => &self.etablissements,
            "jeunes_filles" => &self.jeunes_filles,
            "jeunes_garcons" => &self.jeunes_garcons,
            "enseignants_femmes" => &self.enseignants_femmes,
            "enseignants_hommes" => &self.enseignants_hommes,
            "entreprises" => &self.entreprises,
            _ => &self.organisations_professionnelles,
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct FiltreActions {
    #[serde(flatten)]
    pub liste: ParametresListe,
    pub annee: Option<i32>,
    pub academie_id: Option<i64>,
    pub theme_id: Option<i64>,
    pub ipe_id: Option<i64>,
    pub convention_id: Option<i64>,
}

const REQUETE: Requete = Requete {
    colonnes: "
        x.id AS id,
        x.date AS date,
        x.academie_id AS academie_id,
        a.nom AS academie,
        x.niveau AS niveau,
        x.theme_id AS theme_id,
        t.libelle AS theme,
        x.intitule AS intitule,
        x.description AS description,
        x.etablissements AS etablissements,
        x.jeunes_filles AS jeunes_filles,
        x.jeunes_garcons AS jeunes_garcons,
        x.enseignants_femmes AS enseignants_femmes,
        x.enseignants_hommes AS enseignants_hommes,
        x.entreprises AS entreprises,
        x.organisations_professionnelles AS organisations_professionnelles,
        (SELECT group_concat(ii.ipe_id) FROM action_ipe_intervenant ii WHERE ii.action_id = x.id) AS intervenants,
        (SELECT group_concat(p.nom || ' ' || p.prenom, ', ') FROM action_ipe_intervenant ii JOIN ipe i ON i.id = ii.ipe_id
            JOIN personne p ON p.id = i.personne_id WHERE ii.action_id = x.id) AS intervenants_noms,
        (SELECT group_concat(etablissement_id) FROM action_ipe_etablissement WHERE action_id = x.id) AS etablissements_lies,
        (SELECT group_concat(organisation_id) FROM action_ipe_organisation WHERE action_id = x.id) AS organisations_liees,
        x.convention_id AS convention_id,
        cv.titre AS convention
    ",
    tables: "action_ipe x LEFT JOIN theme_ipe t ON t.id = x.theme_id LEFT JOIN academie a ON a.id = x.academie_id
        LEFT JOIN convention cv ON cv.id = x.convention_id",
    id: "x.id",
};

const TRIS: &[(&str, &str)] = &[
    ("date", "x.date"),
    ("intitule", "normaliser(x.intitule)"),
    ("theme", "t.ordre"),
    ("academie", "normaliser(coalesce(a.nom, ''))"),
];

fn jeunes(r: &Row) -> rusqlite::Result<i64> {
    Ok(Effectifs::depuis_ligne(r)?.jeunes())
}

fn enseignants(r: &Row) -> rusqlite::Result<i64> {
    Ok(Effectifs::depuis_ligne(r)?.enseignants())
}

pub fn lister(conn: &Connection, f: &FiltreActions) -> Resultat<Liste<Action>> {
    let mut filtre = Filtre::default();
    filtre
        .recherche_indexee(
            conn,
            ("x.id", "action_ipe", "x.recherche"),
            &[],
            &f.liste.recherche,
        )
        .egal("x.academie_id", f.academie_id)
        .egal("x.theme_id", f.theme_id)
        .egal("x.convention_id", f.convention_id);
    if let Some(annee) = f.annee {
        filtre.condition_liee(
            "x.date BETWEEN {} AND {}",
            [format!("{annee:04}-01-01"), format!("{annee:04}-12-31")],
        );
    }
    if let Some(ipe) = f.ipe_id {
        filtre.condition_liee("EXISTS (SELECT 1 FROM action_ipe_intervenant ii WHERE ii.action_id = x.id AND ii.ipe_id = {})", [ipe]);
    }
    let mut p = f.liste.clone();
    if p.tri.is_none() {
        // Les plus récentes d'abord : c'est ce que l'on vient de saisir.
        p.tri = Some("date".into());
        p.descendant = true;
    }
    filtre.lister(conn, &REQUETE, TRIS, &p, Action::depuis_ligne)
}

pub fn lire(conn: &Connection, id: i64) -> Resultat<Action> {
    liste::lire_un(conn, &REQUETE, "x.id", id, "L'action", Action::depuis_ligne)
}

pub(crate) struct ActionValide {
    pub date: String,
    pub academie_id: Option<i64>,
    pub niveau: NiveauAction,
    pub theme_id: i64,
    pub intitule: String,
    pub description: String,
    pub effectifs: Effectifs,
    pub intervenants: Vec<i64>,
    pub etablissements_lies: Vec<i64>,
    pub organisations_liees: Vec<i64>,
    pub convention_id: Option<i64>,
}

/// Contrôle complet d'une saisie.
pub(crate) fn valider(conn: &Connection, s: &SaisieAction) -> Resultat<ActionValide> {
    valider_avec(conn, s, &mut liste::Existants::default())
}

/// Contrôle complet d'une saisie ; un import garde d'une ligne à l'autre les fiches citées déjà
/// trouvées (`connus`).
pub(crate) fn valider_avec(
    conn: &Connection,
    s: &SaisieAction,
    connus: &mut liste::Existants,
) -> Resultat<ActionValide> {
    let mut c = Controle::default();
    let date = c.champ(
        "date",
        dates::lire(&s.date).map_err(|e| format!("Date de l'action : {e}")),
    );
    let niveau = match s.niveau.trim() {
        "" => Some(NiveauAction::Academique),
        saisi => c.champ(
            "niveau",
            NiveauAction::choisi(saisi, "le niveau de l'action"),
        ),
    };
    match s.academie_id {
        Some(a) if !connus.existe(conn, "academie", a)? => {
            c.ajouter("academie_id", "Cette académie n'existe pas.")
        }
        None if niveau == Some(NiveauAction::Academique) => c.ajouter(
            "academie_id",
            "Choisissez l'académie (ou le niveau national).",
        ),
        _ => {}
    }
    match s.theme_id {
        Some(t) if connus.existe(conn, "theme_ipe", t)? => {}
        _ => c.ajouter("theme_id", "Choisissez le thème de l'action."),
    }
    let intitule = c.champ("intitule", texte::obligatoire("L'intitulé", &s.intitule));
    let mut valeurs = [0i64; 7];
    for (i, e) in Effectif::TOUS.iter().enumerate() {
        let cle = e.code();
        let lu = csv::entier_positif(s.effectif(cle), e.libelle())
            .and_then(|n| crate::nombres::borne(n, e.maximum(), e.libelle()));
        if let Some(n) = c.champ(cle, lu) {
            valeurs[i] = n;
        }
    }
    verifier_citations(conn, &mut c, s, connus)?;
    let date = c.fin_avec(date)?;
    Ok(ActionValide {
        date: dates::iso(date),
        academie_id: s.academie_id,
        niveau: niveau.unwrap_or_default(),
        theme_id: s.theme_id.unwrap_or_default(),
        intitule: intitule.unwrap_or_default(),
        description: s.description.trim().to_string(),
        effectifs: Effectifs::depuis(valeurs),
        intervenants: liste::sans_doublon(&s.intervenants),
        etablissements_lies: liste::sans_doublon(&s.etablissements_lies),
        organisations_liees: liste::sans_doublon(&s.organisations_liees),
        convention_id: s.convention_id,
    })
}

/// Les IPE, établissements, organisations et la convention cités doivent exister.
fn verifier_citations(
    conn: &Connection,
    c: &mut Controle,
    s: &SaisieAction,
    connus: &mut liste::Existants,
) -> Resultat<()> {
    liste::verifier_ids_connus(
        conn,
        c,
        &[
            ("ipe", &s.intervenants, "intervenants", "un IPE"),
            (
                "etablissement",
                &s.etablissements_lies,
                "etablissements_lies",
                "un établissement",
            ),
            (
                "organisation",
                &s.organisations_liees,
                "organisations_liees",
                "une organisation",
            ),
            (
                "convention",
                s.convention_id.as_slice(),
                "convention_id",
                "une convention",
            ),
        ],
        connus,
    )
}

/// Écrit une action validée (création si `id` est `None`) avec ses liens.
pub(crate) fn ecrire(conn: &Connection, id: Option<i64>, v: &ActionValide) -> Resultat<i64> {
    let e = v.effectifs;
    let cle = texte::cle_recherche(&[&v.intitule, &v.description]);
    let params = rusqlite::params![
        v.date,
        v.academie_id,
        v.niveau,
        v.theme_id,
        v.intitule,
        v.description,
        e.etablissements,
        e.jeunes_filles,
        e.jeunes_garcons,
        e.enseignants_femmes,
        e.enseignants_hommes,
        e.entreprises,
        e.organisations_professionnelles,
        cle,
        v.convention_id
    ];
    let nouvelle = id.is_none();
    let id = match id {
        None => {
            conn.prepare_cached(
                "INSERT INTO action_ipe (date, academie_id, niveau, theme_id, intitule, description, etablissements, jeunes_filles,
                     jeunes_garcons, enseignants_femmes, enseignants_hommes, entreprises, organisations_professionnelles, recherche,
                     convention_id, uid)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, passerelle_uid())",
            )?
            .execute(params)?;
            conn.last_insert_rowid()
        }
        Some(id) => {
            conn.execute(
                "UPDATE action_ipe SET date = ?1, academie_id = ?2, niveau = ?3, theme_id = ?4, intitule = ?5, description = ?6,
                     etablissements = ?7, jeunes_filles = ?8, jeunes_garcons = ?9, enseignants_femmes = ?10,
                     enseignants_hommes = ?11, entreprises = ?12, organisations_professionnelles = ?13, recherche = ?14,
                     convention_id = ?15
                 WHERE id = ?16",
                rusqlite::params_from_iter(params.iter().copied().chain([&id as &dyn rusqlite::ToSql])),
            )?;
            id
        }
    };
    for (table, autre, ids) in [
        ("action_ipe_intervenant", "ipe_id", &v.intervenants),
        (
            "action_ipe_etablissement",
            "etablissement_id",
            &v.etablissements_lies,
        ),
        (
            "action_ipe_organisation",
            "organisation_id",
            &v.organisations_liees,
        ),
    ] {
        let liaison = liste::Liaison {
            table,
            parent: "action_id",
            autre,
        };
        if nouvelle {
            liaison.ajouter(conn, id, ids)?;
        } else {
            liaison.remplacer(conn, id, ids)?;
        }
    }
    Ok(id)
}

pub fn creer(conn: &Connection, s: &SaisieAction) -> Resultat<Action> {
    let v = valider(conn, s)?;
    let id = crate::base::atomique(conn, |c| ecrire(c, None, &v))?;
    lire(conn, id)
}

pub fn modifier(conn: &Connection, id: i64, s: &SaisieAction) -> Resultat<Action> {
    lire(conn, id)?;
    let v = valider(conn, s)?;
    crate::base::atomique(conn, |c| ecrire(c, Some(id), &v))?;
    lire(conn, id)
}

/// Copie d'une action (mêmes intervenants, thème, effectifs), à retoucher ensuite.
pub fn dupliquer(conn: &Connection, id: i64) -> Resultat<Action> {
    let a = lire(conn, id)?;
    let v = ActionValide {
        date: a.date,
        academie_id: a.academie_id,
        niveau: a.niveau,
        theme_id: a.theme_id,
        intitule: a.intitule,
        description: a.description,
        effectifs: a.effectifs,
        intervenants: a.intervenants,
        etablissements_lies: a.etablissements_lies,
        organisations_liees: a.organisations_liees,
        convention_id: a.convention_id,
    };
    let nouvel = crate::base::atomique(conn, |c| ecrire(c, None, &v))?;
    lire(conn, nouvel)
}

pub fn supprimer(conn: &Connection, id: i64) -> Resultat<()> {
    let a = lire(conn, id)?;
    liste::supprimer(conn, "action_ipe", id, &a.intitule)
}
