"""Archives of articles: several files, a folder or a zip on the command line, a zip on the staff page; each read
in a background task with progress, listed for review one by one, nothing recorded before each is confirmed, the
same article twice recognised."""

import io
import json
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from qunying.core.models import AuditEntry
from qunying.deeds.models import Deed
from qunying.honours.models import Honour
from qunying.org.models import Person
from qunying.publicity import services
from qunying.publicity.models import ArticleBatch, ArticleImport
from qunying.publicity.services.article_batches import read_article_file, recover_article_batch
from tests.factories import IssuerFactory

HERE = Path(__file__).resolve().parent
SAMPLE = HERE / "samples" / "article-garbled.txt"
CLEAN = HERE / "samples" / "article-clean.txt"
DEV = HERE / "articles" / "dev"
TABLE = "姓名,单位,警号\n张三,城关派出所,001\n李四,交警大队,002\n王五,城关派出所,003\n".encode()
IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def immediate_tasks(settings):
    settings.TASKS = IMMEDIATE


def zip_of(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def upload_zip(client, files, django_capture_on_commit_callbacks, **fields):
    upload = SimpleUploadedFile("articles.zip", zip_of(files), content_type="application/zip")
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(reverse("publicity:article_upload"), {"file": upload, **fields})


def test_a_zip_is_read_in_the_background_and_listed_for_review_and_nothing_is_recorded(
    client, role_user, immediate_tasks, django_capture_on_commit_callbacks
):
    client.force_login(role_user("political_officer"))
    files = {
        "01 三个一线.txt": SAMPLE.read_bytes(),
        "02 same article, clean.txt": CLEAN.read_bytes(),  # the same article repaired: recognised
        "03 hero.txt": (DEV / "d02-auxiliary-hero.txt").read_bytes(),
        "04 roster.csv": TABLE,
        "05 nested.zip": zip_of({"x.txt": b"x"}),
    }
    response = upload_zip(client, files, django_capture_on_commit_callbacks)
    batch = ArticleBatch.objects.get()
    assert response["Location"] == reverse("publicity:article_batch", args=[batch.pk])
    assert batch.status == "done" and batch.percent == 100 and batch.processed == 5 and not batch.file
    outcomes = [(row["name"], row["outcome"]) for row in batch.entries]
    assert outcomes == [
        ("01 三个一线.txt", "proposed"),
        ("02 same article, clean.txt", "duplicate"),
        ("03 hero.txt", "proposed"),
        ("04 roster.csv", "failed"),
        ("05 nested.zip", "failed"),
    ]
    assert batch.entries[1]["duplicate_of"] == batch.entries[0]["article"]
    assert "表格" in batch.entries[3]["message"] and "压缩包中的压缩包" in batch.entries[4]["message"]
    assert ArticleImport.objects.filter(batch=batch, status="proposed").count() == 2
    assert not Deed.objects.exists() and not Honour.objects.exists() and not Person.objects.exists()
    assert AuditEntry.objects.filter(action="publicity.article_batch.read", object_id=str(batch.pk)).count() == 1
    body = client.get(response["Location"]).content.decode()
    assert "待审核 2 篇，已导入过 1 篇，无法读取 2 个" in body
    first = ArticleImport.objects.get(pk=batch.entries[0]["article"])
    assert reverse("publicity:article_detail", args=[first.pk]) in body
    page = client.get(reverse("publicity:article_detail", args=[first.pk])).content.decode()
    assert "审核下一篇" in page  # one by one


def test_confirming_one_article_moves_on_to_the_next_of_the_batch(
    client, role_user, immediate_tasks, django_capture_on_commit_callbacks
):
    client.force_login(role_user("political_officer"))
    upload_zip(
        client,
        {"a.txt": SAMPLE.read_bytes(), "b.txt": (DEV / "d02-auxiliary-hero.txt").read_bytes()},
        django_capture_on_commit_callbacks,
    )
    first, second = ArticleImport.objects.order_by("pk")
    response = client.post(reverse("publicity:article_detail", args=[first.pk]), {"discard": ""})
    assert response["Location"] == reverse("publicity:article_detail", args=[second.pk])
    second.refresh_from_db()
    assert second.status == "proposed"


def test_the_bureau_chosen_on_upload_resolves_issuers_written_short(
    client, role_user, tree, immediate_tasks, django_capture_on_commit_callbacks
):
    IssuerFactory(name="江州市公安局", short_name="江州市局", level="city", kind="police")
    client.force_login(role_user("political_officer"))
    upload_zip(client, {"a.txt": SAMPLE.read_bytes()}, django_capture_on_commit_callbacks, bureau=tree["bureau"].pk)
    article = ArticleImport.objects.get()
    assert article.bureau == tree["bureau"]
    liu = next(p for p in article.extraction["people"] if p["name"] == "刘桂芳")
    merit = next(h for h in liu["honours"] if h["title"] == "三等功")
    assert merit["issuer"] == "江州市公安局" and merit["issuer_written"] == "市公安局"


def test_the_same_article_without_a_bureau_keeps_issuers_as_written(db):
    IssuerFactory(name="江州市公安局", short_name="江州市局", level="city", kind="police")
    result = read_article_file(SAMPLE.read_bytes())
    liu = next(p for p in result["people"] if p["name"] == "刘桂芳")
    assert [h["issuer"] for h in liu["honours"]] == [None, "市公安局"]


def test_a_csv_like_upload_is_refused_on_the_form_in_chinese(client, role_user):
    client.force_login(role_user("publicity_editor"))
    upload = SimpleUploadedFile("people.txt", TABLE, content_type="text/plain")
    response = client.post(reverse("publicity:article_upload"), {"file": upload})
    assert response.status_code == 200
    assert "文件内容是表格" in response.content.decode()
    assert not ArticleBatch.objects.exists() and not ArticleImport.objects.exists()


def test_a_broken_zip_is_refused_on_the_form(client, role_user):
    client.force_login(role_user("publicity_editor"))
    upload = SimpleUploadedFile("a.zip", b"PK\x03\x04broken", content_type="application/zip")
    response = client.post(reverse("publicity:article_upload"), {"file": upload})
    assert "压缩包已损坏" in response.content.decode()
    assert not ArticleBatch.objects.exists()


def test_the_batch_page_shows_progress_while_it_is_read(client, role_user):
    user = role_user("publicity_editor")
    batch = ArticleBatch.objects.create(filename="a.zip", uploaded_by=user, total=40, processed=10, percent=25)
    client.force_login(user)
    url = reverse("publicity:article_batch", args=[batch.pk])
    partial = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert 'value="25"' in partial and "已读取 10 / 40 个文件（25%）" in partial
    assert 'http-equiv="refresh"' in client.get(url).content.decode()  # without JavaScript the page refreshes


def test_a_long_file_reports_its_progress_paragraph_by_paragraph(db):
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    long_article = "\n".join(lines[:2] + lines[2:] * 30).encode()
    paragraphs = len(lines[2:]) * 30
    reported = []
    read_article_file(long_article, on_progress=lambda done, total: reported.append((done, total)))
    assert len(reported) == paragraphs and reported[-1] == (paragraphs, paragraphs)
    assert [done for done, _ in reported] == sorted(done for done, _ in reported)


def test_a_batch_interrupted_half_way_keeps_what_it_read_and_fails_with_its_file_deleted(role_user):
    batch = services.start_article_batch(filename="a.zip", data=zip_of({"a.txt": SAMPLE.read_bytes()}), by=None)
    assert batch.file
    ArticleBatch.objects.filter(pk=batch.pk).update(status="running")
    recovered = recover_article_batch(batch)
    assert recovered.status == "failed" and not recovered.file and recovered.finished_at
    assert recover_article_batch(recovered).status == "failed"  # idempotent


def test_the_same_article_imported_twice_is_proposed_once(db):
    first = services.import_article(data=SAMPLE.read_bytes(), by=None)
    again = services.import_article(data=SAMPLE.read_bytes(), by=None)
    clean = services.import_article(data=CLEAN.read_bytes(), by=None)
    assert first.pk == again.pk == clean.pk and ArticleImport.objects.count() == 1
    services.discard_article_import(first, by=None)
    assert services.import_article(data=SAMPLE.read_bytes(), by=None).pk != first.pk  # discarded: may come again


@pytest.mark.parametrize("role", ["unit_manager", "member", "leader"])
def test_other_roles_do_not_see_batches(client, role_user, role):
    batch = ArticleBatch.objects.create(filename="a.zip", total=1)
    client.force_login(role_user(role))
    assert client.get(reverse("publicity:article_batch", args=[batch.pk])).status_code in (403, 404)


# ----------------------------------------------------------------------------------------------------- command line


@pytest.mark.django_db
def test_the_command_reads_several_files_a_folder_and_a_zip(tmp_path, capsys):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_bytes(SAMPLE.read_bytes())
    (folder / ".hidden").write_bytes(b"x")
    archive = tmp_path / "more.zip"
    archive.write_bytes(
        zip_of({"hero.txt": (DEV / "d02-auxiliary-hero.txt").read_bytes(), "again.txt": CLEAN.read_bytes()})
    )
    notice = DEV / "d03-monthly-notice.txt"
    call_command("import-article", str(folder), str(archive), str(notice), "--json")
    captured = capsys.readouterr()
    output = json.loads(captured.out)
    assert [(Path(f["name"]).name, f["outcome"]) for f in output["files"]] == [
        ("a.txt", "proposed"),
        ("hero.txt", "proposed"),
        ("again.txt", "duplicate"),
        ("d03-monthly-notice.txt", "proposed"),
    ]
    batch = ArticleBatch.objects.get(pk=output["batch_id"])
    assert batch.articles.count() == 3 and "[4/4]" in captured.err


@pytest.mark.django_db
def test_the_command_exits_2_when_a_file_of_many_is_not_an_article(tmp_path, capsys):
    table = tmp_path / "people.csv"
    table.write_bytes(TABLE)
    with pytest.raises(CommandError, match="1 个文件不是可读取的文章") as error:
        call_command("import-article", str(SAMPLE), str(table), "--json")
    assert error.value.returncode == 2
    output = json.loads(capsys.readouterr().out)
    assert [f["outcome"] for f in output["files"]] == ["proposed", "failed"]
    assert ArticleImport.objects.count() == 1


@pytest.mark.django_db
def test_the_command_dry_run_of_a_zip_writes_nothing(tmp_path, capsys):
    archive = tmp_path / "a.zip"
    archive.write_bytes(zip_of({"a.txt": SAMPLE.read_bytes()}))
    call_command("import-article", str(archive), "--dry-run")
    assert "试运行" in capsys.readouterr().out
    assert not ArticleImport.objects.exists() and not ArticleBatch.objects.exists()


@pytest.mark.django_db
def test_the_command_bureau_option_names_a_unit(tree, capsys):
    IssuerFactory(name="江州市公安局", short_name="江州市局", level="city", kind="police")
    call_command("import-article", str(SAMPLE), "--json", "--dry-run", "--bureau", "测试市公安局")
    output = json.loads(capsys.readouterr().out)
    liu = next(p for p in output["people"] if p["name"] == "刘桂芳")
    assert liu["honours"][1]["issuer"] == "江州市公安局"
    with pytest.raises(CommandError, match="找不到唯一名为“无此局”的单位") as error:
        call_command("import-article", str(SAMPLE), "--bureau", "无此局")
    assert error.value.returncode == 2


@pytest.mark.django_db
def test_the_command_says_when_a_single_article_was_imported_before(capsys):
    call_command("import-article", str(SAMPLE), "--json")
    first = json.loads(capsys.readouterr().out)["import_id"]
    call_command("import-article", str(CLEAN), "--json")
    again = json.loads(capsys.readouterr().out)
    assert again["duplicate_of"] == again["import_id"] == first
