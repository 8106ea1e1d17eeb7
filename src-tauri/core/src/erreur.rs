//! Erreur du domaine : une seule énumération, sérialisée pour l'interface en `{code, message, champ}`.

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

pub type Resultat<T> = std::result::Result<T, Erreur>;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChampInvalide {
    pub champ: &'static str,
    pub message: String,
}

/// Rassemble les erreurs de tous les champs d'un formulaire, pour les montrer toutes à la fois.
#[derive(Default)]
pub struct Controle(Vec<ChampInvalide>);

impl Controle {
    /// Garde la valeur si elle est valide, sinon note le message contre `champ`.
    pub fn champ<T>(
        &mut self,
        champ: &'static str,
        r: std::result::Result<T, String>,
    ) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(message) => {
                self.0.push(ChampInvalide { champ, message });
                None
            }
        }
    }

    pub fn ajouter(&mut self, champ: &'static str, message: impl Into<String>) {
        self.0.push(ChampInvalide {
            champ,
            message: message.into(),
        });
    }

    pub fn est_valide(&self) -> bool {
        self.0.is_empty()
    }

    pub fn fin(self) -> Resultat<()> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(Erreur::Validation(self.0))
        }
    }

    /// Comme `fin`, et rend la valeur d'un champ obligatoire (ou de plusieurs, réunies par
    /// `zip`). Une valeur absente sans erreur notée serait un oubli du programme : elle donne
    /// un refus en français plutôt qu'un arrêt.
    pub fn fin_avec<T>(self, valeur: Option<T>) -> Resultat<T> {
        self.fin()?;
        valeur.ok_or_else(|| {
            Erreur::validation("", "Saisie incomplète : un champ obligatoire manque.")
        })
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Erreur {
    /// Saisie refusée ; chaque champ fautif porte son message, affiché à côté du champ.
    #[error("{}", .0.iter().map(|c| c.message.as_str()).collect::<Vec<_>>().join(" "))]
    Validation(Vec<ChampInvalide>),
    #[error("{0}")]
    Introuvable(String),
    /// Suppression refusée car l'enregistrement est cité ailleurs.
    #[error("{0}")]
    EnUsage(String),
    #[error("Le fichier « {0} » n'est pas une base SQLite : Passerelle ne peut pas l'ouvrir. Il n'a pas été modifié.")]
    PasSqlite(String),
    #[error("Le fichier « {0} » est une base SQLite qui n'a pas été créée par Passerelle. Il n'a pas été modifié.")]
    BaseEtrangere(String),
    #[error("Le fichier « {chemin} » a été écrit par une version plus récente de Passerelle (schéma {version}, cette version connaît le schéma {connu}). Mettez Passerelle à jour pour l'ouvrir. Il n'a pas été modifié.")]
    BaseTropRecente {
        chemin: String,
        version: i64,
        connu: i64,
    },
    /// Le texte anglais de SQLite n'est pas montré : seulement sa cause, en français.
    #[error("Base de données : {}", texte_sqlite(.0))]
    Sqlite(#[from] rusqlite::Error),
    /// Idem pour le système : la cause en français (un message construit par Passerelle, déjà
    /// en français, est repris tel quel).
    #[error("Fichier : {}", texte_io(.0))]
    Fichier(#[from] std::io::Error),
    #[error("Données de démonstration illisibles : {0}")]
    Demo(String),
    #[error("Rapport PDF : {0}")]
    Pdf(String),
    /// Import refusé : une ligne par problème, « Ligne 12 : … » ; rien n'a été écrit.
    #[error("Import refusé, rien n'a été enregistré :\n{}", .0.join("\n"))]
    Import(Vec<String>),
    /// Travail long arrêté par l'utilisateur ; tout ce qu'il avait écrit a été défait.
    #[error("Opération annulée : rien n'a été enregistré.")]
    Annulee,
}

/// La cause d'une erreur du système, en français.
pub fn texte_io(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    if let Some(interne) = e.get_ref() {
        // Message écrit par Passerelle (io::Error::new / other) : il est déjà en français.
        return interne.to_string();
    }
    match e.kind() {
        NotFound => "fichier ou dossier introuvable".into(),
        PermissionDenied => "accès refusé par le système".into(),
        AlreadyExists => "le fichier existe déjà".into(),
        StorageFull => "le disque est plein".into(),
        ReadOnlyFilesystem => "le support est en lecture seule".into(),
        IsADirectory => "c'est un dossier, pas un fichier".into(),
        NotADirectory => "un élément du chemin n'est pas un dossier".into(),
        InvalidFilename => "nom de fichier refusé par le système".into(),
        UnexpectedEof | InvalidData => "contenu illisible ou tronqué".into(),
        TimedOut | Interrupted | WouldBlock => "opération interrompue ; réessayez".into(),
        _ => match e.raw_os_error() {
            Some(code) => format!("erreur du système (code {code})"),
            None => "erreur du système".into(),
        },
    }
}

/// La cause d'une erreur SQLite, en français.
pub fn texte_sqlite(e: &rusqlite::Error) -> String {
    use rusqlite::ErrorCode::*;
    let rusqlite::Error::SqliteFailure(f, _) = e else {
        return "donnée inattendue dans la base".into();
    };
    match f.code {
        DatabaseBusy | DatabaseLocked => {
            "la base est occupée par une autre opération ; réessayez dans un instant".into()
        }
        ReadOnly => "la base est en lecture seule".into(),
        DiskFull => "le disque est plein".into(),
        CannotOpen => "le fichier de la base ne peut pas être ouvert".into(),
        NotADatabase => "le fichier n'est pas une base de données".into(),
        DatabaseCorrupt => "la base est endommagée".into(),
        PermissionDenied => "accès refusé par le système".into(),
        SystemIoFailure => "le disque n'a pas pu être lu ou écrit".into(),
        OutOfMemory => "mémoire insuffisante".into(),
        ConstraintViolation => "donnée incohérente refusée par la base".into(),
        TooBig => "donnée trop grande".into(),
        _ => format!("erreur interne (code {})", f.extended_code),
    }
}

impl Erreur {
    pub fn validation(champ: &'static str, message: impl Into<String>) -> Self {
        Erreur::Validation(vec![ChampInvalide {
            champ,
            message: message.into(),
        }])
    }

    /// Code stable lu par l'interface et par les tests.
    pub fn code(&self) -> &'static str {
        match self {
            Erreur::Validation(_) => "validation",
            Erreur::Introuvable(_) => "introuvable",
            Erreur::EnUsage(_) => "en_usage",
            Erreur::PasSqlite(_) => "pas_sqlite",
            Erreur::BaseEtrangere(_) => "base_etrangere",
            Erreur::BaseTropRecente { .. } => "base_trop_recente",
            Erreur::Sqlite(_) => "sqlite",
            Erreur::Fichier(_) => "fichier",
            Erreur::Demo(_) => "demo",
            Erreur::Import(_) => "import",
            Erreur::Pdf(_) => "pdf",
            Erreur::Annulee => "annulee",
        }
    }

    /// La faute vient-elle de l'entrée (code de sortie 2) plutôt que du système (1) ?
    pub fn est_entree_invalide(&self) -> bool {
        matches!(
            self,
            Erreur::Validation(_)
                | Erreur::Introuvable(_)
                | Erreur::EnUsage(_)
                | Erreur::PasSqlite(_)
                | Erreur::BaseEtrangere(_)
                | Erreur::BaseTropRecente { .. }
                | Erreur::Import(_)
        )
    }
}

impl Serialize for Erreur {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let champs: &[ChampInvalide] = match self {
            Erreur::Validation(champs) => champs,
            _ => &[],
        };
        let mut st = s.serialize_struct("Erreur", 3)?;
        st.serialize_field("code", self.code())?;
        st.serialize_field("message", &self.to_string())?;
        st.serialize_field("champs", champs)?;
        st.end()
    }
}

#[cfg(test)]
mod tests {
    use super::Erreur;
    use rusqlite::ffi;

    /// Les erreurs du système et de SQLite se disent en français, sans le texte anglais d'origine.
    #[test]
    fn causes_du_systeme_et_de_sqlite_en_francais() {
        let io = std::io::Error::from_raw_os_error(13); // EACCES : « Permission denied »
        let texte = Erreur::Fichier(io).to_string();
        assert_eq!(texte, "Fichier : accès refusé par le système");
        let absent = std::fs::read("/ce/fichier/n/existe/pas").unwrap_err();
        assert_eq!(
            Erreur::from(absent).to_string(),
            "Fichier : fichier ou dossier introuvable"
        );
        let occupe = rusqlite::Error::SqliteFailure(
            ffi::Error::new(ffi::SQLITE_BUSY),
            Some("database is locked".into()),
        );
        let texte = Erreur::from(occupe).to_string();
        assert!(
            texte.starts_with("Base de données : la base est occupée"),
            "{texte}"
        );
        assert!(!texte.contains("locked"), "{texte}");
        let c = rusqlite::Connection::open_in_memory().unwrap();
        let e = c
            .execute("INSERT INTO table_absente VALUES (1)", [])
            .unwrap_err();
        let texte = Erreur::from(e).to_string();
        assert!(!texte.contains("no such"), "{texte}");
    }
}
