"""An S3-compatible server on 127.0.0.1 for the tests: moto's, with real credential checks.

Run with the virtualenv's python that `scripts/ensure.sh s3-server` prints:

    python scripts/s3-server.py

It listens on a free port of 127.0.0.1, makes one IAM user allowed everything with an access
key, and from then on checks every request's signature (moto does not unless
INITIAL_NO_AUTH_ACTION_COUNT is set: the setup below is exactly those first unchecked actions).
Its first line on stdout is JSON: endpoint, access_key_id, secret_access_key, region. Then it
reads commands, one a line, from stdin and answers each with one line:

    create-bucket NAME    ->  ok | error MESSAGE

It stops when stdin closes, so it never outlives the process that started it (a killed test
binary included). Objects live in memory and go with it.
"""

import json
import os
import sys

# The three IAM calls below are the only unauthenticated requests; moto reads this at import.
SETUP_ACTIONS = 3
os.environ["INITIAL_NO_AUTH_ACTION_COUNT"] = str(SETUP_ACTIONS)
os.environ.setdefault("MOTO_ALLOW_NONEXISTENT_REGION", "true")

import boto3  # noqa: E402
import botocore.config  # noqa: E402
import botocore.exceptions  # noqa: E402
from moto.server import ThreadedMotoServer  # noqa: E402

REGION = "us-east-1"


def client(service, endpoint, key_id, secret):
    return boto3.client(
        service,
        endpoint_url=endpoint,
        region_name=REGION,
        aws_access_key_id=key_id,
        aws_secret_access_key=secret,
        config=botocore.config.Config(retries={"max_attempts": 1}),
    )


def main():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"

    iam = client("iam", endpoint, "setup", "setup")
    iam.create_user(UserName="schemagate-tests")
    iam.put_user_policy(
        UserName="schemagate-tests",
        PolicyName="everything",
        PolicyDocument=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}],
            }
        ),
    )
    key = iam.create_access_key(UserName="schemagate-tests")["AccessKey"]
    s3 = client("s3", endpoint, key["AccessKeyId"], key["SecretAccessKey"])

    # From here on credentials are checked: a made-up key must be refused, or the tests of a
    # wrong key would prove nothing.
    try:
        client("s3", endpoint, "AKIAWRONGWRONGWRONG1", "wrong").list_buckets()
        print("moto accepted a made-up access key: credentials are not checked", file=sys.stderr)
        sys.exit(1)
    except botocore.exceptions.ClientError as error:
        if error.response["Error"]["Code"] != "InvalidAccessKeyId":
            raise

    print(
        json.dumps(
            {
                "endpoint": endpoint,
                "access_key_id": key["AccessKeyId"],
                "secret_access_key": key["SecretAccessKey"],
                "region": REGION,
            }
        ),
        flush=True,
    )
    for line in sys.stdin:
        words = line.split()
        try:
            if len(words) == 2 and words[0] == "create-bucket":
                s3.create_bucket(Bucket=words[1])
                print("ok", flush=True)
            else:
                print(f"error unknown command: {line.strip()}", flush=True)
        except Exception as error:  # noqa: BLE001 - the test reports it
            print(f"error {error}".replace("\n", " "), flush=True)
    server.stop()


if __name__ == "__main__":
    main()
