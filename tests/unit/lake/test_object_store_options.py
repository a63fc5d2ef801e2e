"""Which delta-rs storage options each object store gets from the environment.

The option names are object_store's (the Rust crate delta-rs uses): ``google_*`` keys of
``GoogleConfigKey`` and ``azure_*`` keys of ``AzureConfigKey``, which are the lower-case
names of the environment variables that crate itself reads. No store is contacted here:
S3 runs for real in ``tests/integration/lake`` (moto), Azure against Azurite when it is
installed (``tests/integration/lake/test_azure.py``); GCS has no emulator installable
from the registries this project uses, so only this mapping is tested (docs/lake.md).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from fairshore.adapters.lake import Lake
from fairshore.config import ObjectStore, load_settings, object_store

ENVIRON = {
    "AWS_ACCESS_KEY_ID": "aws-key",
    "GOOGLE_SERVICE_ACCOUNT": "/secrets/sa.json",
    "GOOGLE_SERVICE_ACCOUNT_KEY": '{"type": "service_account"}',
    "GOOGLE_CLOUD_PROJECT": "not-an-option",
    "AZURE_STORAGE_ACCOUNT_NAME": "acme",
    "AZURE_STORAGE_ACCOUNT_KEY": "azure-key",
    "AZURE_STORAGE_USE_EMULATOR": "",
    "AZURE_SUBSCRIPTION_ID": "not-an-option",
}


def test_gcs_gets_the_google_variables_only() -> None:
    store = object_store("gs://acme-lake/fairshore", environ=ENVIRON, overrides={})
    assert store.storage_options == {
        "google_service_account": "/secrets/sa.json",
        "google_service_account_key": '{"type": "service_account"}',
    }
    assert store.table_uri("interactions") == "gs://acme-lake/fairshore/interactions"


@pytest.mark.parametrize("uri", ["abfss://lake@acme.dfs.core.windows.net/f", "az://lake/f"])
def test_azure_gets_the_azure_variables_only(uri: str) -> None:
    store = object_store(uri, environ=ENVIRON, overrides={"azure_storage_account_key": "given"})
    assert store.storage_options == {
        "azure_storage_account_name": "acme",
        "azure_storage_account_key": "given",  # the setting wins over the environment
    }
    assert "given" not in repr(store) and "acme" not in repr(store).replace(uri, "")


def test_s3_keeps_its_variable_names() -> None:
    store = object_store("s3://b/lake", environ=ENVIRON, overrides={})
    assert store.storage_options == {"AWS_ACCESS_KEY_ID": "aws-key"}


@pytest.mark.parametrize(
    "uri", ["gs://acme-lake/fairshore", "abfss://lake@acme.dfs.core.windows.net/f", "az://l/f"]
)
def test_gcs_and_azure_lakes_are_delta_rs_object_stores(uri: str) -> None:
    settings = load_settings(home=Path("w"), lake_uri=uri)
    assert isinstance(settings.lake_root, ObjectStore)
    assert settings.lake_staging == Path("w/lake-staging")
    lake = Lake.from_settings(settings)
    assert not lake.remote  # DuckDB reads delta-rs' dataset, not a Hadoop URI


@pytest.mark.parametrize("uri", ["gs://acme-lake/fairshore", "abfss://l@a.dfs.core.windows.net/f"])
def test_with_spark_gcs_and_abfss_stay_hadoop_file_systems(uri: str) -> None:
    settings = load_settings(home=Path("w"), lake_uri=uri, engine="pyspark")
    assert settings.lake_root == Path("w/lake")
    assert Lake.from_settings(settings).remote
