-- Groupe de suivi d'une convention : membres, réunions (ordre du jour, présences, compte rendu
-- par point, décisions) et actions de suivi, reportées d'une réunion à l'autre tant qu'ouvertes.

CREATE TABLE suivi_membre (
    id            INTEGER PRIMARY KEY,
    convention_id INTEGER NOT NULL REFERENCES convention(id) ON DELETE CASCADE,
    personne_id   INTEGER NOT NULL REFERENCES personne(id),
    role          TEXT NOT NULL DEFAULT '',
    UNIQUE (convention_id, personne_id)
);

CREATE TABLE reunion_suivi (
    id            INTEGER PRIMARY KEY,
    convention_id INTEGER NOT NULL REFERENCES convention(id) ON DELETE CASCADE,
    date          TEXT NOT NULL,
    heure         TEXT NOT NULL DEFAULT '',
    lieu          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX reunion_suivi_convention ON reunion_suivi(convention_id, date);

CREATE TABLE reunion_point (
    id           INTEGER PRIMARY KEY,
    reunion_id   INTEGER NOT NULL REFERENCES reunion_suivi(id) ON DELETE CASCADE,
    ordre        INTEGER NOT NULL,
    intitule     TEXT NOT NULL,
    compte_rendu TEXT NOT NULL DEFAULT ''
);

CREATE TABLE reunion_presence (
    reunion_id  INTEGER NOT NULL REFERENCES reunion_suivi(id) ON DELETE CASCADE,
    personne_id INTEGER NOT NULL REFERENCES personne(id),
    etat        TEXT NOT NULL CHECK (etat IN ('present', 'excuse', 'absent')),
    PRIMARY KEY (reunion_id, personne_id)
);

CREATE TABLE reunion_decision (
    id         INTEGER PRIMARY KEY,
    reunion_id INTEGER NOT NULL REFERENCES reunion_suivi(id) ON DELETE CASCADE,
    texte      TEXT NOT NULL
);

CREATE TABLE suivi_action (
    id             INTEGER PRIMARY KEY,
    convention_id  INTEGER NOT NULL REFERENCES convention(id) ON DELETE CASCADE,
    reunion_id     INTEGER REFERENCES reunion_suivi(id) ON DELETE SET NULL,  -- réunion qui l'a décidée
    intitule       TEXT NOT NULL,
    responsable_id INTEGER REFERENCES personne(id),
    echeance       TEXT,
    close_le       TEXT                                                    -- NULL : ouverte
);
CREATE INDEX suivi_action_convention ON suivi_action(convention_id);
