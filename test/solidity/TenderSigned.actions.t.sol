// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ITender} from "../../contracts/interfaces/ITender.sol";
import {ITenderAdmin} from "../../contracts/interfaces/ITenderAdmin.sol";
import {ITenderArbitration} from "../../contracts/interfaces/ITenderArbitration.sol";
import {ITenderEscrow} from "../../contracts/interfaces/ITenderEscrow.sol";
import {ITenderMarket} from "../../contracts/interfaces/ITenderMarket.sol";
import {ITenderSigned} from "../../contracts/interfaces/ITenderSigned.sol";
import {Tender} from "../../contracts/types/Tender.sol";
import {BlocklistToken} from "./mocks/AdversarialTokens.sol";
import {ContractWallet} from "./mocks/Actors.sol";
import {MarketTest} from "./utils/MarketTest.sol";

/// @notice A supplier's actions done on its EIP-712 signature by whoever submits them (the signed-actions module):
/// deliver, improve a bid, reclaim a bond, withdraw a credit; a contract wallet signing through ERC-1271; unordered
/// nonces (a dropped action does not block a later one); and every replay, reorder and stale-signature attack refused
/// by name with nothing changed.
contract TenderSignedActionsTest is MarketTest {
    uint256 internal constant AGENT_KEY = 0xA6E47;
    address internal agent;
    address internal relayer = makeAddr("relayer");

    bytes32 private constant _DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    bytes32 private constant _DELIVER_TYPEHASH = keccak256(
        "Deliver(address signer,uint256 jobId,uint256 milestone,bytes32 deliverableHash,string uri,address relayer,uint256 nonce,uint256 deadline)"
    );
    bytes32 private constant _BID_TYPEHASH =
        keccak256(
            "Bid(address signer,uint256 jobId,uint96 price,address token,uint96 bond,address relayer,uint256 nonce,uint256 deadline)"
        );
    bytes32 private constant _IMPROVE_BID_TYPEHASH = keccak256(
        "ImproveBid(address signer,uint256 jobId,uint96 price,address relayer,uint256 nonce,uint256 deadline)"
    );
    bytes32 private constant _RECLAIM_BOND_TYPEHASH =
        keccak256("ReclaimBond(address signer,uint256 jobId,address relayer,uint256 nonce,uint256 deadline)");
    bytes32 private constant _WITHDRAW_TYPEHASH =
        keccak256("Withdraw(address signer,address token,address to,address relayer,uint256 nonce,uint256 deadline)");

    bytes32 private constant _RESPOND_TYPEHASH = keccak256(
        "Respond(address signer,uint256 jobId,uint256 milestone,string responseURI,address token,uint96 fee,address relayer,uint256 nonce,uint256 deadline)"
    );

    bytes32 internal constant WORK = keccak256("work");
    string internal constant URI = "ipfs://work";

    function setUp() public override {
        super.setUp();
        agent = vm.addr(AGENT_KEY);
        fund(agent); // tokens and an approval for bonds; it sends no transaction in these tests but those
    }

    /*//////////////////////////////////////////////////////////////
                                 SIGNING
    //////////////////////////////////////////////////////////////*/

    function domainOf(ITender e, uint256 chainId) internal pure returns (bytes32) {
        return keccak256(abi.encode(_DOMAIN_TYPEHASH, keccak256("Tender"), keccak256("1"), chainId, address(e)));
    }

    function signOn(uint256 key, bytes32 domain, bytes32 structHash) internal pure returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, keccak256(abi.encodePacked("\x19\x01", domain, structHash)));
        return abi.encodePacked(r, s, v);
    }

    function signWith(uint256 key, ITender e, bytes32 structHash) internal view returns (bytes memory) {
        return signOn(key, domainOf(e, block.chainid), structHash);
    }

    /// @dev The terms of a signed action by the agent, open to any relayer, good for an hour.
    function termsOf(uint256 nonce) internal view returns (Tender.Signed memory s) {
        s.signer = agent;
        s.nonce = nonce;
        s.deadline = block.timestamp + 1 hours;
    }

    function deliverHash(Tender.Signed memory s, uint256 jobId, uint256 milestone, bytes32 work, string memory uri)
        internal
        pure
        returns (bytes32)
    {
        return keccak256(
            abi.encode(
                _DELIVER_TYPEHASH, s.signer, jobId, milestone, work, keccak256(bytes(uri)), s.relayer, s.nonce, s.deadline
            )
        );
    }

    function signDeliver(uint256 key, ITender e, uint256 jobId, bytes32 work, string memory uri, Tender.Signed memory s)
        internal
        view
        returns (Tender.Signed memory)
    {
        s.signature = signWith(key, e, deliverHash(s, jobId, 0, work, uri));
        return s;
    }

    function deliverSig(uint256 jobId, uint256 nonce) internal view returns (Tender.Signed memory) {
        return signDeliver(AGENT_KEY, escrow, jobId, WORK, URI, termsOf(nonce));
    }

    /// @dev The agent's delivery of milestone `milestone` (0-based) of a job in milestones.
    function deliverSigFor(uint256 jobId, uint256 milestone, uint256 nonce) internal view returns (Tender.Signed memory s) {
        s = termsOf(nonce);
        s.signature = signWith(AGENT_KEY, escrow, deliverHash(s, jobId, milestone, WORK, URI));
    }

    /// @dev A bid signed for the job's token and bond as they are now (bondBps of its maximum price).
    function bidSig(uint256 key, uint256 jobId, uint96 price, uint256 nonce) internal view returns (Tender.Signed memory) {
        Tender.Job memory job_ = escrow.job(jobId);
        return bidSigFor(key, jobId, price, job_.token, uint96(uint256(job_.price) * bondBpsOf(jobId) / 10_000), nonce);
    }

    function bidSigFor(uint256 key, uint256 jobId, uint96 price, address token, uint96 bond, uint256 nonce)
        internal
        view
        returns (Tender.Signed memory s)
    {
        s = termsOf(nonce);
        s.signer = vm.addr(key);
        s.signature = signWith(
            key, escrow, keccak256(abi.encode(_BID_TYPEHASH, s.signer, jobId, price, token, bond, s.relayer, s.nonce, s.deadline))
        );
    }

    /// @dev The bond bps of the RFQs these tests post: 10% when bonded, else none.
    mapping(uint256 jobId => uint16) internal _bondBps;

    function bondBpsOf(uint256 jobId) internal view returns (uint16) {
        return _bondBps[jobId];
    }

    function improveSig(uint256 jobId, uint96 price, uint256 nonce) internal view returns (Tender.Signed memory s) {
        s = termsOf(nonce);
        s.signature = signWith(
            AGENT_KEY,
            escrow,
            keccak256(abi.encode(_IMPROVE_BID_TYPEHASH, s.signer, jobId, price, s.relayer, s.nonce, s.deadline))
        );
    }

    function reclaimSig(uint256 jobId, uint256 nonce) internal view returns (Tender.Signed memory s) {
        s = termsOf(nonce);
        s.signature = signWith(
            AGENT_KEY, escrow, keccak256(abi.encode(_RECLAIM_BOND_TYPEHASH, s.signer, jobId, s.relayer, s.nonce, s.deadline))
        );
    }

    function withdrawSig(address token, address to, uint256 nonce) internal view returns (Tender.Signed memory s) {
        s = termsOf(nonce);
        s.signature = signWith(
            AGENT_KEY, escrow, keccak256(abi.encode(_WITHDRAW_TYPEHASH, s.signer, token, to, s.relayer, s.nonce, s.deadline))
        );
    }

    function hireAgent() internal returns (uint256) {
        Tender.DirectHire memory hire = hireOf(address(usd));
        hire.supplier = agent;
        return post(hire);
    }

    /// @dev The agent hired in two milestones (40%, 60%).
    function hireAgentInMilestones() internal returns (uint256 jobId) {
        Tender.DirectHire memory hire = hireOf(address(usd));
        hire.supplier = agent;
        Tender.Milestone[] memory ms = new Tender.Milestone[](2);
        ms[0] = Tender.Milestone({shareBps: 4_000, deliveryWindow: DELIVERY});
        ms[1] = Tender.Milestone({shareBps: 6_000, deliveryWindow: DELIVERY});
        vm.prank(buyer);
        jobId = escrow.postDirectHireInMilestones(hire, ms);
    }

    function nonceSpent(address signer, uint256 nonce) internal view returns (bool) {
        return escrow.nonceBitmap(signer, nonce >> 8) & (1 << (nonce & 0xff)) != 0;
    }

    /*//////////////////////////////////////////////////////////////
                               HAPPY PATHS
    //////////////////////////////////////////////////////////////*/

    function test_domain_isTheEscrowsOnThisChain_EIP5267() public view {
        (bytes1 fields, string memory name, string memory version, uint256 chainId, address verifying, bytes32 salt, uint256[] memory ext) =
            escrow.eip712Domain();
        assertEq(uint8(fields), 0x0f, "name, version, chain id, verifying contract");
        assertEq(keccak256(bytes(name)), keccak256("Tender"), "name");
        assertEq(keccak256(bytes(version)), keccak256("1"), "version");
        assertEq(chainId, block.chainid, "chain id");
        assertEq(verifying, address(escrow), "the escrow, not its module");
        assertEq(salt, bytes32(0), "no salt");
        assertEq(ext.length, 0, "no extensions");
    }

    function test_deliverBySig_submittedByAnyone_deliversForTheSigner() public {
        uint256 jobId = hireAgent();
        uint256 relayerBalance = usd.balanceOf(relayer);

        vm.prank(relayer);
        vm.expectEmit(address(escrow));
        emit ITenderEscrow.JobDelivered(jobId, WORK, URI, uint40(block.timestamp + REVIEW));
        escrow.deliverBySig(jobId, WORK, URI, deliverSig(jobId, 0));

        assertStatus(jobId, Tender.Status.Delivered);
        assertEq(escrow.supplierRecord(agent).won, 1, "a direct hire counts as won once delivered");
        assertTrue(nonceSpent(agent, 0), "nonce 0 spent");
        assertEq(usd.balanceOf(relayer), relayerBalance, "the relayer is paid nothing it was not promised");

        // The job runs on as any other: the buyer confirms, the signer is paid.
        uint256 before = usd.balanceOf(agent);
        vm.prank(buyer);
        escrow.confirm(jobId, 5);
        assertEq(usd.balanceOf(agent) - before, PRICE - PRICE * FEE_BPS / 10_000, "paid, less the fee");
    }

    function test_improveBidBySig_lowersTheSignersBid() public {
        uint256 jobId = postRFQ(address(usd), Tender.AwardMode.LowestPrice);
        bidAs(s1, jobId, 600e6);
        bidAs(agent, jobId, 700e6);

        vm.prank(relayer);
        vm.expectEmit(address(escrow));
        emit ITenderMarket.BidImproved(jobId, agent, 500e6, true);
        escrow.improveBidBySig(jobId, 500e6, improveSig(jobId, 500e6, 7));

        assertEq(escrow.bidOf(jobId, agent).price, 500e6, "improved");
        (address best,) = escrow.bestBid(jobId);
        assertEq(best, agent, "now best");
    }

    function test_reclaimBondBySig_returnsTheBondToTheSigner_notTheRelayer() public {
        Tender.Floors memory floors = noFloors();
        floors.bondBps = 1_000;
        uint256 jobId = postRFQ(rfqOf(address(usd), Tender.AwardMode.LowestPrice, floors));
        bidAs(s1, jobId, 600e6, floors, address(usd));
        bidAs(agent, jobId, 700e6, floors, address(usd));
        vm.warp(block.timestamp + BIDDING);
        escrow.award(jobId);

        uint256 agentBefore = usd.balanceOf(agent);
        uint256 relayerBefore = usd.balanceOf(relayer);
        vm.prank(relayer);
        escrow.reclaimBondBySig(jobId, reclaimSig(jobId, 0));
        assertEq(usd.balanceOf(agent) - agentBefore, MAX / 10, "the bond back to the signer");
        assertEq(usd.balanceOf(relayer), relayerBefore, "nothing to the relayer");
        assertEq(escrow.bidOf(jobId, agent).bond, 0, "bond cleared");

        // A second signature for the same bond is refused by the state, not only by the nonce.
        Tender.Signed memory again = reclaimSig(jobId, 1);
        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.BondNotReclaimable.selector, jobId, agent));
        escrow.reclaimBondBySig(jobId, again);
    }

    function test_withdrawBySig_sendsTheSignersCreditWhereItSigned() public {
        BlocklistToken busd = new BlocklistToken();
        allowToken(address(busd));
        busd.mint(buyer, PRICE);
        vm.prank(buyer);
        busd.approve(address(escrow), PRICE);
        Tender.DirectHire memory hire = hireOf(address(busd));
        hire.supplier = agent;
        uint256 jobId = post(hire);
        vm.prank(relayer);
        escrow.deliverBySig(jobId, WORK, URI, deliverSig(jobId, 0));
        busd.setBlocked(agent, true); // its payment cannot be pushed: credited
        vm.prank(buyer);
        escrow.confirm(jobId, 5);
        uint256 credit = escrow.credit(agent, address(busd));
        assertGt(credit, 0, "credited");

        address vault = makeAddr("vault");
        Tender.Signed memory s = withdrawSig(address(busd), vault, 1);
        // The relayer cannot redirect it: the destination is part of what was signed.
        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(ITenderSigned.InvalidSignature.selector, agent));
        escrow.withdrawBySig(address(busd), relayer, s);

        vm.prank(relayer);
        assertEq(escrow.withdrawBySig(address(busd), vault, s), credit, "the whole credit");
        assertEq(busd.balanceOf(vault), credit, "to the signed destination");
        assertEq(escrow.credit(agent, address(busd)), 0, "credit cleared");
    }

    function test_namedRelayer_mayDeliver_othersMayNot() public {
        uint256 jobId = hireAgent();
        Tender.Signed memory s = termsOf(0);
        s.relayer = relayer;
        s = signDeliver(AGENT_KEY, escrow, jobId, WORK, URI, s);

        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(ITenderSigned.NotRelayer.selector, relayer, stranger));
        escrow.deliverBySig(jobId, WORK, URI, s);

        vm.prank(relayer);
        escrow.deliverBySig(jobId, WORK, URI, s);
        assertStatus(jobId, Tender.Status.Delivered);
    }

    function test_droppedAction_doesNotBlockALaterOne_andCanStillLand() public {
        uint256 first = hireAgent();
        uint256 second = hireAgent();
        Tender.Signed memory dropped = deliverSig(first, 0); // signed, never submitted (yet)

        vm.prank(relayer);
        escrow.deliverBySig(second, WORK, URI, deliverSig(second, 1));
        assertStatus(second, Tender.Status.Delivered);
        assertFalse(nonceSpent(agent, 0), "nonce 0 still free");

        vm.prank(stranger);
        escrow.deliverBySig(first, WORK, URI, dropped);
        assertStatus(first, Tender.Status.Delivered);
    }

    function test_contractWallet_signsThroughERC1271() public {
        ContractWallet wallet = new ContractWallet(agent);
        Tender.DirectHire memory hire = hireOf(address(usd));
        hire.supplier = address(wallet);
        uint256 jobId = post(hire);
        Tender.Signed memory s = termsOf(0);
        s.signer = address(wallet);
        s = signDeliver(AGENT_KEY, escrow, jobId, WORK, URI, s); // the wallet's owner signs for it

        wallet.setRefuse(true);
        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(ITenderSigned.InvalidSignature.selector, address(wallet)));
        escrow.deliverBySig(jobId, WORK, URI, s);

        wallet.setRefuse(false);
        vm.prank(relayer);
        escrow.deliverBySig(jobId, WORK, URI, s);
        assertStatus(jobId, Tender.Status.Delivered);
        assertTrue(nonceSpent(address(wallet), 0), "the wallet's nonce");
    }

    function test_milestones_eachDeliveryNeedsItsOwnSignature() public {
        uint256 jobId = hireAgentInMilestones();

        Tender.Signed memory s = deliverSigFor(jobId, 0, 0);
        vm.prank(relayer);
        escrow.deliverBySig(jobId, WORK, URI, s);
        assertEq(escrow.supplierRecord(agent).won, 1, "won with the first milestone");
        vm.prank(buyer);
        escrow.confirm(jobId, 0);
        assertEq(escrow.milestonesOf(jobId).current, 1, "the second milestone in progress");

        // The first milestone's signature cannot deliver the second: it names the first milestone (and its nonce is
        // spent); one for the second milestone with the spent nonce is refused by the nonce.
        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(ITenderSigned.InvalidSignature.selector, agent));
        escrow.deliverBySig(jobId, WORK, URI, s);
        Tender.Signed memory reused = deliverSigFor(jobId, 1, 0);
        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(ITenderSigned.NonceUsed.selector, agent, 0));
        escrow.deliverBySig(jobId, WORK, URI, reused);

        vm.prank(relayer);
        escrow.deliverBySig(jobId, WORK, URI, deliverSigFor(jobId, 1, 1));
        assertStatus(jobId, Tender.Status.Delivered);
        assertEq(escrow.supplierRecord(agent).won, 1, "won counted once");
    }

    /// @dev Audit: a delivery signed for one milestone, never submitted, must not deliver the next one after the
    /// supplier delivered the first in a plain call.
    function test_milestones_anUnusedSignatureForOneMilestone_cannotDeliverTheNext() public {
        uint256 jobId = hireAgentInMilestones();

        Tender.Signed memory stale = deliverSigFor(jobId, 0, 0); // handed to a slow relayer
        vm.prank(agent);
        escrow.deliver(jobId, WORK, URI);
        vm.prank(buyer);
        escrow.confirm(jobId, 0);

        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(ITenderSigned.InvalidSignature.selector, agent));
        escrow.deliverBySig(jobId, WORK, URI, stale);
        assertStatus(jobId, Tender.Status.Awarded);
    }

    /// @dev Audit: the signer is part of what is signed, so a signature of an owner is not good for a contract
    /// wallet that accepts that owner's signatures (nor the other way round).
    function test_anOwnersSignature_isNotItsContractWallets() public {
        ContractWallet wallet = new ContractWallet(agent);
        Tender.DirectHire memory hire = hireOf(address(usd));
        hire.supplier = address(wallet);
        uint256 jobId = post(hire);
        Tender.Signed memory s = deliverSig(jobId, 0); // the agent signs as itself
        s.signer = address(wallet);
        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(ITenderSigned.InvalidSignature.selector, address(wallet)));
        escrow.deliverBySig(jobId, WORK, URI, s);
        assertStatus(jobId, Tender.Status.Awarded);
    }

    /*//////////////////////////////////////////////////////////////
                    A SIGNED ANSWER TO A DISPUTE
    //////////////////////////////////////////////////////////////*/

    string internal constant ANSWER = "ipfs://answer";
    uint96 internal constant FEE = PRICE * 200 / 10_000; // the arbitrator's 2% of the price

    function respondSig(uint256 key, uint256 jobId, uint256 milestone, address token, uint96 fee, uint256 nonce, uint256 deadline)
        internal
        view
        returns (Tender.Signed memory s)
    {
        s.signer = vm.addr(key);
        s.nonce = nonce;
        s.deadline = deadline;
        s.signature = signWith(
            key,
            escrow,
            keccak256(
                abi.encode(
                    _RESPOND_TYPEHASH, s.signer, jobId, milestone, keccak256(bytes(ANSWER)), token, fee, s.relayer, s.nonce, s.deadline
                )
            )
        );
    }

    /// @dev A gasless supplier's direct hire, delivered (plainly, by the test) and disputed by the buyer.
    function disputedHireOf(address who, address token) internal returns (uint256 jobId) {
        Tender.DirectHire memory hire = hireOf(token);
        hire.supplier = who;
        jobId = post(hire);
        vm.prank(who);
        escrow.deliver(jobId, WORK, URI);
        vm.prank(buyer);
        escrow.dispute{value: token == ETH ? FEE : 0}(jobId, "ipfs://statement");
    }

    function test_respondBySig_answersTheDispute_theFeeFromTheSignerByPermit() public {
        address who = gasless();
        uint256 jobId = disputedHireOf(who, address(usd));
        Tender.Permit memory p = permitOf(GASLESS_KEY, address(escrow), FEE, START + 1 days);
        Tender.Signed memory s = respondSig(GASLESS_KEY, jobId, 0, address(usd), FEE, 0, START + 1 days);
        uint256 relayerBefore = usd.balanceOf(relayer);

        vm.prank(relayer);
        vm.expectEmit(address(escrow));
        emit ITenderArbitration.DisputeAnswered(jobId, ANSWER, uint40(START + 3 days));
        escrow.respondBySig(jobId, ANSWER, p, s);

        assertTrue(escrow.job(jobId).answered, "answered");
        assertEq(usd.balanceOf(who), 1_000e6 - FEE, "the fee from the signer");
        assertEq(usd.balanceOf(relayer), relayerBefore, "nothing from the relayer");
        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(ITenderSigned.NonceUsed.selector, who, 0));
        escrow.respondBySig(jobId, ANSWER, p, s);

        // The dispute runs on: ruled 30% to the buyer, the signer paid the rest with its fee back.
        vm.prank(arbitrator);
        escrow.rule(jobId, 3_000, keccak256("reason"));
        assertStatus(jobId, Tender.Status.Settled);
        assertEq(usd.balanceOf(who), 1_000e6 - FEE + FEE + PRICE * 7_000 / 10_000 - PRICE * 7_000 / 10_000 * FEE_BPS / 10_000, "70% less the fee, its own fee back");
    }

    function test_respondBySig_refusals_feeOrMilestoneNotTheJobs_notTheSupplier_ethFee() public {
        address who = gasless();
        uint256 jobId = disputedHireOf(who, address(usd));
        Tender.Permit memory p = permitOf(GASLESS_KEY, address(escrow), FEE, START + 1 days);

        // Signed for a smaller fee, or for another milestone: not this dispute's answer.
        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(ITenderSigned.InvalidSignature.selector, who));
        escrow.respondBySig(jobId, ANSWER, p, respondSig(GASLESS_KEY, jobId, 0, address(usd), FEE - 1, 0, START + 1 days));
        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(ITenderSigned.InvalidSignature.selector, who));
        escrow.respondBySig(jobId, ANSWER, p, respondSig(GASLESS_KEY, jobId, 1, address(usd), FEE, 0, START + 1 days));
        // Another key's valid signature: refused by the job, not the supplier.
        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.NotSupplier.selector, jobId, agent));
        escrow.respondBySig(jobId, ANSWER, p, respondSig(AGENT_KEY, jobId, 0, address(usd), FEE, 0, START + 1 days));
        // No permit and no allowance: refused by name, nothing spent.
        Tender.Permit memory none;
        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(ITenderSigned.PermitAllowanceShort.selector, address(usd), who, 0, FEE));
        escrow.respondBySig(jobId, ANSWER, none, respondSig(GASLESS_KEY, jobId, 0, address(usd), FEE, 0, START + 1 days));
        assertFalse(escrow.job(jobId).answered, "not answered");
        assertFalse(nonceSpent(who, 0), "nothing spent");

        // A fee in ETH comes only as the value of the supplier's own call.
        vm.deal(who, 0);
        uint256 inEth = disputedHireOf(who, ETH);
        vm.prank(relayer);
        vm.expectRevert(ITenderSigned.PermitForEth.selector);
        escrow.respondBySig(inEth, ANSWER, none, respondSig(GASLESS_KEY, inEth, 0, ETH, FEE, 1, START + 1 days));

        // After the response window: too late.
        vm.warp(START + RESPONSE);
        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.DeadlinePassed.selector, jobId, START + RESPONSE));
        escrow.respondBySig(jobId, ANSWER, p, respondSig(GASLESS_KEY, jobId, 0, address(usd), FEE, 2, START + RESPONSE + 1 days));
    }

    function test_respondBySig_milestones_theAnswerNamesTheMilestone_itsFeeTheMilestones() public {
        uint256 jobId = hireAgentInMilestones(); // 40% then 60% of the price
        vm.prank(relayer);
        escrow.deliverBySig(jobId, WORK, URI, deliverSigFor(jobId, 0, 0));
        vm.prank(buyer);
        escrow.confirm(jobId, 0);
        vm.prank(relayer);
        escrow.deliverBySig(jobId, WORK, URI, deliverSigFor(jobId, 1, 1));
        uint96 fee = uint96(uint256(PRICE) * 6_000 / 10_000 * 200 / 10_000); // 2% of the second milestone's 60
        vm.prank(buyer);
        escrow.dispute(jobId, "ipfs://statement");

        // Signed for the first milestone (or with the whole price's fee): refused.
        Tender.Permit memory none;
        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(ITenderSigned.InvalidSignature.selector, agent));
        escrow.respondBySig(jobId, ANSWER, none, respondSig(AGENT_KEY, jobId, 0, address(usd), fee, 2, START + 1 days));
        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(ITenderSigned.InvalidSignature.selector, agent));
        escrow.respondBySig(jobId, ANSWER, none, respondSig(AGENT_KEY, jobId, 1, address(usd), FEE, 2, START + 1 days));

        uint256 before = usd.balanceOf(agent);
        vm.prank(relayer);
        escrow.respondBySig(jobId, ANSWER, none, respondSig(AGENT_KEY, jobId, 1, address(usd), fee, 2, START + 1 days)); // an allowance is there
        assertTrue(escrow.job(jobId).answered, "the second milestone's dispute answered");
        assertEq(before - usd.balanceOf(agent), fee, "the milestone's fee");
    }

    /*//////////////////////////////////////////////////////////////
                     A SIGNED BID, ITS BOND BY PERMIT
    //////////////////////////////////////////////////////////////*/

    uint256 internal constant GASLESS_KEY = 0x6A5;

    function bondedRFQ(address token) internal returns (uint256 jobId, Tender.Floors memory floors) {
        floors = noFloors();
        floors.bondBps = 1_000;
        jobId = postRFQ(rfqOf(token, Tender.AwardMode.LowestPrice, floors));
        _bondBps[jobId] = floors.bondBps;
    }

    /// @dev An agent holding only tokens: no ETH, no approval, no transaction of its own.
    function gasless() internal returns (address who) {
        who = vm.addr(GASLESS_KEY);
        usd.mint(who, 1_000e6);
    }

    function test_bidBySig_takesTheBondFromTheSignerThroughItsPermit() public {
        address who = gasless();
        (uint256 jobId, Tender.Floors memory floors) = bondedRFQ(address(usd));
        uint96 bond = MAX / 10;
        Tender.Permit memory p = permitOf(GASLESS_KEY, address(escrow), bond, block.timestamp + 1 hours);
        uint256 relayerBefore = usd.balanceOf(relayer);

        vm.prank(relayer);
        vm.expectEmit(address(escrow));
        emit ITenderMarket.BidPlaced(jobId, who, 600e6, bond, true);
        escrow.bidBySig(jobId, 600e6, floors, p, bidSig(GASLESS_KEY, jobId, 600e6, 0));

        assertEq(escrow.bidOf(jobId, who).bond, bond, "bonded");
        assertEq(usd.balanceOf(who), 1_000e6 - bond, "the bond from the signer");
        assertEq(usd.balanceOf(relayer), relayerBefore, "nothing from the relayer");
        assertEq(who.balance, 0, "the agent holds no ETH");

        // It wins and is paid without a transaction of its own: awarded, delivered by signature, confirmed.
        vm.warp(block.timestamp + BIDDING);
        escrow.award(jobId);
        Tender.Signed memory d = termsOf(1);
        d.deadline = START + BIDDING + 1 hours; // (block.timestamp after a warp is not re-read within one test function)
        d.signer = who;
        d.signature = signWith(GASLESS_KEY, escrow, deliverHash(d, jobId, 0, WORK, URI));
        vm.prank(relayer);
        escrow.deliverBySig(jobId, WORK, URI, d);
        vm.prank(buyer);
        escrow.confirm(jobId, 5);
        assertEq(usd.balanceOf(who), 1_000e6 + 600e6 - 6e6, "price less the fee, and its bond back");
    }

    function test_bidBySig_aBondPermitSomeoneUsedFirst_doesNotSinkTheBid() public {
        address who = gasless();
        (uint256 jobId, Tender.Floors memory floors) = bondedRFQ(address(usd));
        Tender.Permit memory p = permitOf(GASLESS_KEY, address(escrow), MAX / 10, block.timestamp + 1 hours);
        usd.permit(who, address(escrow), p.value, p.deadline, p.v, p.r, p.s); // seen in the mempool, used first
        vm.prank(relayer);
        escrow.bidBySig(jobId, 600e6, floors, p, bidSig(GASLESS_KEY, jobId, 600e6, 0));
        assertEq(escrow.bidOf(jobId, who).price, 600e6, "placed");
    }

    function test_bidBySig_withoutABond_needsNoPermit_andAShortAllowanceIsRefusedByName() public {
        address who = gasless();
        uint256 open = postRFQ(address(usd), Tender.AwardMode.LowestPrice); // no bond
        Tender.Permit memory none;
        vm.prank(relayer);
        escrow.bidBySig(open, 500e6, noFloors(), none, bidSig(GASLESS_KEY, open, 500e6, 0));
        assertEq(escrow.bidOf(open, who).price, 500e6, "placed with no permit");

        (uint256 bonded, Tender.Floors memory floors) = bondedRFQ(address(usd));
        Tender.Signed memory s = bidSig(GASLESS_KEY, bonded, 500e6, 1);
        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(ITenderSigned.PermitAllowanceShort.selector, address(usd), who, 0, MAX / 10));
        escrow.bidBySig(bonded, 500e6, floors, none, s);
        assertEq(escrow.bidOf(bonded, who).price, 0, "no bid");
        assertFalse(nonceSpent(who, 1), "nothing spent");
    }

    function test_bidBySig_refusals_floorsSwapped_ethBond_replay() public {
        address who = gasless();
        (uint256 jobId, Tender.Floors memory floors) = bondedRFQ(address(usd));
        Tender.Permit memory p = permitOf(GASLESS_KEY, address(escrow), MAX / 10, block.timestamp + 1 hours);
        Tender.Signed memory s = bidSig(GASLESS_KEY, jobId, 600e6, 0);

        // A relayer cannot pass other floors than the RFQ's: without its bond, the bond differs from the one signed;
        // with the same bond, they differ from the posted ones.
        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(ITenderSigned.InvalidSignature.selector, who));
        escrow.bidBySig(jobId, 600e6, noFloors(), p, s);
        Tender.Floors memory lax = noFloors();
        lax.bondBps = floors.bondBps;
        lax.maxLossShareBps = 9_999;
        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.FloorsMismatch.selector, jobId));
        escrow.bidBySig(jobId, 600e6, lax, p, s);
        // Nor another price than the one signed.
        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(ITenderSigned.InvalidSignature.selector, who));
        escrow.bidBySig(jobId, 599e6, floors, p, s);

        vm.prank(relayer);
        escrow.bidBySig(jobId, 600e6, floors, p, s);
        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(ITenderSigned.NonceUsed.selector, who, 0));
        escrow.bidBySig(jobId, 600e6, floors, p, s);

        // A bid signed for another bond (another RFQ at this id: a reorg, or a signature made before it was posted)
        // takes nothing.
        (uint256 other, Tender.Floors memory otherFloors) = bondedRFQ(address(usd));
        Tender.Signed memory cheaper = bidSigFor(GASLESS_KEY, other, 600e6, address(usd), MAX / 100, 2);
        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(ITenderSigned.InvalidSignature.selector, who));
        escrow.bidBySig(other, 600e6, otherFloors, p, cheaper);

        // An ETH bond comes only as its owner's own value.
        (uint256 ethJob, Tender.Floors memory ethFloors) = bondedRFQ(ETH);
        Tender.Signed memory e = bidSig(GASLESS_KEY, ethJob, 1e6, 1);
        vm.prank(relayer);
        vm.expectRevert(ITenderSigned.PermitForEth.selector);
        escrow.bidBySig(ethJob, 1e6, ethFloors, p, e);
    }

    function test_bidBySig_checksTheSignerAsABidder_floorsMetricsAndParties() public {
        // Metric floors read the registry from the module (its immutable, the escrow's registry).
        address who = gasless();
        Tender.Floors memory floors = fullFloors();
        floors.bondBps = 0;
        uint256 jobId = postRFQ(rfqOf(address(usd), Tender.AwardMode.LowestPrice, floors));
        Tender.Permit memory none;
        Tender.Signed memory s = bidSig(GASLESS_KEY, jobId, 600e6, 0);
        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.MetricFloorNotMet.selector, jobId, 0, SWE, 60, 0));
        escrow.bidBySig(jobId, 600e6, floors, none, s);
        attestFor(who, 70, 900);
        vm.prank(relayer);
        escrow.bidBySig(jobId, 600e6, floors, none, s);
        assertEq(escrow.bidOf(jobId, who).price, 600e6, "qualified by its attestations");

        // The buyer cannot bid on its own RFQ by signature either.
        uint256 own = postRFQ(address(usd), Tender.AwardMode.LowestPrice);
        Tender.Signed memory b = termsOf(0);
        b.signer = buyer;
        b.signature = hex"00";
        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(ITenderSigned.InvalidSignature.selector, buyer));
        escrow.bidBySig(own, 500e6, noFloors(), none, b); // no key for `buyer` here: the signature check comes first
        uint256 mine = postRFQWithBuyer(who);
        Tender.Signed memory m = bidSig(GASLESS_KEY, mine, 500e6, 1);
        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.InvalidSupplier.selector, who));
        escrow.bidBySig(mine, 500e6, noFloors(), none, m);
    }

    /// @dev An RFQ with no floors posted by `who` (funded here with ETH for its own post).
    function postRFQWithBuyer(address who) internal returns (uint256 jobId) {
        Tender.RFQ memory rfq = rfqOf(ETH, Tender.AwardMode.LowestPrice, noFloors());
        vm.deal(who, rfq.maxPrice);
        vm.prank(who);
        jobId = escrow.postRFQ{value: rfq.maxPrice}(rfq);
        vm.deal(who, 0);
    }

    /*//////////////////////////////////////////////////////////////
                    ATTACKS: REPLAY, REORDER, STALENESS
    //////////////////////////////////////////////////////////////*/

    function assertUndelivered(uint256 jobId) internal view {
        assertStatus(jobId, Tender.Status.Awarded);
        assertEq(escrow.supplierRecord(agent).won, 0, "nothing counted");
    }

    function test_replayedSignature_isRefused_NonceUsed() public {
        uint256 first = hireAgent();
        uint256 second = hireAgent();
        Tender.Signed memory s = deliverSig(first, 3);
        vm.prank(relayer);
        escrow.deliverBySig(first, WORK, URI, s);

        // The same nonce signed again for another job: spent.
        Tender.Signed memory reuse = deliverSig(second, 3);
        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(ITenderSigned.NonceUsed.selector, agent, 3));
        escrow.deliverBySig(second, WORK, URI, reuse);
        assertStatus(second, Tender.Status.Awarded);
    }

    function test_signatureForAnotherJob_isRefused_InvalidSignature() public {
        uint256 first = hireAgent();
        uint256 second = hireAgent();
        Tender.Signed memory s = deliverSig(first, 0);
        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(ITenderSigned.InvalidSignature.selector, agent));
        escrow.deliverBySig(second, WORK, URI, s);
        assertUndelivered(second);
        assertFalse(nonceSpent(agent, 0), "nothing spent");
    }

    function test_tamperedArguments_areRefused_InvalidSignature() public {
        uint256 jobId = hireAgent();
        Tender.Signed memory s = deliverSig(jobId, 0);
        vm.startPrank(relayer);
        vm.expectRevert(abi.encodeWithSelector(ITenderSigned.InvalidSignature.selector, agent));
        escrow.deliverBySig(jobId, keccak256("other work"), URI, s);
        vm.expectRevert(abi.encodeWithSelector(ITenderSigned.InvalidSignature.selector, agent));
        escrow.deliverBySig(jobId, WORK, "ipfs://other", s);
        s.deadline += 1; // a longer life than signed
        vm.expectRevert(abi.encodeWithSelector(ITenderSigned.InvalidSignature.selector, agent));
        escrow.deliverBySig(jobId, WORK, URI, s);
        vm.stopPrank();
        assertUndelivered(jobId);
    }

    function test_signatureOnAnotherChain_isRefused_InvalidSignature() public {
        uint256 jobId = hireAgent();
        Tender.Signed memory s = termsOf(0); // signed for the same escrow's address on another chain
        s.signature = signOn(
            AGENT_KEY,
            domainOf(escrow, block.chainid + 1),
            deliverHash(s, jobId, 0, WORK, URI)
        );
        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(ITenderSigned.InvalidSignature.selector, agent));
        escrow.deliverBySig(jobId, WORK, URI, s);
        assertUndelivered(jobId);
    }

    function test_signatureForAnotherEscrow_isRefused_InvalidSignature() public {
        uint256 jobId = hireAgent();
        ITender other = deployEscrow(owner, treasury, FEE_BPS, MIN_WINDOW, MAX_WINDOW, GRACE, RESPONSE);
        Tender.Signed memory s = signDeliver(AGENT_KEY, other, jobId, WORK, URI, termsOf(0));
        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(ITenderSigned.InvalidSignature.selector, agent));
        escrow.deliverBySig(jobId, WORK, URI, s);
        assertUndelivered(jobId);
    }

    function test_signatureAtItsDeadline_isRefused_SignatureExpired() public {
        uint256 jobId = hireAgent();
        Tender.Signed memory s = deliverSig(jobId, 0);
        vm.warp(s.deadline - 1);
        vm.prank(relayer);
        escrow.deliverBySig(jobId, WORK, URI, s); // a second before: in time

        uint256 next = hireAgent();
        Tender.Signed memory late = deliverSig(next, 1);
        vm.warp(late.deadline);
        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(ITenderSigned.SignatureExpired.selector, late.deadline));
        escrow.deliverBySig(next, WORK, URI, late);
        assertStatus(next, Tender.Status.Awarded);
    }

    function test_invalidatedNonce_isRefused_NonceUsed() public {
        uint256 jobId = hireAgent();
        Tender.Signed memory s = deliverSig(jobId, 258); // word 1, bit 2
        vm.prank(agent);
        vm.expectEmit(address(escrow));
        emit ITenderSigned.NoncesInvalidated(agent, 1, 1 << 2);
        escrow.invalidateNonces(1, 1 << 2);
        assertEq(escrow.nonceBitmap(agent, 1), 1 << 2, "spent without an action");

        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(ITenderSigned.NonceUsed.selector, agent, 258));
        escrow.deliverBySig(jobId, WORK, URI, s);
        assertUndelivered(jobId);
    }

    function test_signatureByAnotherKey_isRefused_InvalidSignature() public {
        uint256 jobId = hireAgent();
        Tender.Signed memory s = signDeliver(0xBAD, escrow, jobId, WORK, URI, termsOf(0)); // claims to be the agent
        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(ITenderSigned.InvalidSignature.selector, agent));
        escrow.deliverBySig(jobId, WORK, URI, s);

        s.signature = hex"00"; // malformed
        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(ITenderSigned.InvalidSignature.selector, agent));
        escrow.deliverBySig(jobId, WORK, URI, s);
        assertUndelivered(jobId);
    }

    function test_validSignatureOfSomeoneElse_isRefusedByTheJob_NotSupplier() public {
        uint256 jobId = post(address(usd)); // hired: `supplier`, not the agent
        Tender.Signed memory s = deliverSig(jobId, 0);
        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.NotSupplier.selector, jobId, agent));
        escrow.deliverBySig(jobId, WORK, URI, s);
        assertStatus(jobId, Tender.Status.Awarded);
        assertFalse(nonceSpent(agent, 0), "a refused action spends no nonce");
    }

    function test_signedActions_keepTheJobsOwnRules() public {
        uint256 jobId = hireAgent();
        vm.warp(block.timestamp + DELIVERY);
        Tender.Signed memory s = deliverSig(jobId, 0);
        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.DeadlinePassed.selector, jobId, START + DELIVERY));
        escrow.deliverBySig(jobId, WORK, URI, s);

        uint256 rfqId = postRFQ(address(usd), Tender.AwardMode.LowestPrice);
        Tender.Signed memory improve = improveSig(rfqId, 500e6, 1);
        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.NoBid.selector, rfqId, agent));
        escrow.improveBidBySig(rfqId, 500e6, improve);

        Tender.Signed memory withdrawal = withdrawSig(address(usd), agent, 2);
        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.NothingToWithdraw.selector, agent, address(usd)));
        escrow.withdrawBySig(address(usd), agent, withdrawal);
    }

    function test_module_refusesDirectCalls() public {
        uint256 jobId = hireAgent();
        Tender.Signed memory s = deliverSig(jobId, 0);
        vm.expectRevert(ITenderAdmin.NotDelegated.selector);
        signedModule.deliverBySig(jobId, WORK, URI, s);
        vm.expectRevert(ITenderAdmin.NotDelegated.selector);
        signedModule.invalidateNonces(0, 1);
    }
}
